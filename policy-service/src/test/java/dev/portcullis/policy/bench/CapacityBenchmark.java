package dev.portcullis.policy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.ReferenceTotp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What an employee costs the database, measured: on a real PostgreSQL, {@code bench.capacity.people}
 * people (1,000) each enrol TOTP and report a password from three services (Keycloak, VPN, Git); then
 * each logs in once as Keycloak does it (a decision, a code, the forwarded LOGIN event). It prints rows
 * and bytes per employee by table, and audit rows and bytes per login, for the README's capacity
 * section. Run: {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=CapacityBenchmark}.
 */
class CapacityBenchmark {

    static final int PEOPLE = Integer.getInteger("bench.capacity.people", 1000);
    static final int THREADS = 4;
    static final List<String> TABLES = List.of("subject_state", "recovery_code", "credential_fingerprint",
            "audit_event", "audit_outbox", "service_client", "mfa_policy");

    @Test
    void rowsAndBytesPerEmployeeAndPerLogin() throws Exception {
        try (BenchEnvironment environment = BenchEnvironment.start(Map.of("PORTCULLIS_MFA_MAX_FAILURES", "1000000000",
                "PORTCULLIS_THROTTLE_PER_SERVICE", "1000000000/1S",
                // the VPN and Git report everyone's password at once: not a spray to audit
                "PORTCULLIS_THROTTLE_SPRAY_PEOPLE", "1000000000/1S"))) {
            LoadClient admin = new LoadClient(environment.service.baseUrl(), BenchEnvironment.ADMIN);
            String keycloak = key(admin, "keycloak", "[\"mfa\",\"enrol\",\"idp\",\"credentials\",\"events\"]");
            List<LoadClient> reporters = List.of(new LoadClient(environment.service.baseUrl(), keycloak),
                    new LoadClient(environment.service.baseUrl(), key(admin, "vpn", "[\"credentials\"]")),
                    new LoadClient(environment.service.baseUrl(), key(admin, "git", "[\"credentials\"]")));
            List<String> services = List.of("keycloak", "vpn", "git");
            assertThat(admin.send("PUT", "/api/v1/admin/policies/staff", "{\"appliesTo\":{\"groups\":[\"staff\"]},"
                    + "\"mfa\":{\"required\":true,\"methods\":[\"totp\"],\"enrolmentGraceDays\":0},\"passwords\":{"
                    + "\"reuse\":\"block\",\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}").statusCode())
                    .isEqualTo(201);
            Map<String, long[]> before = sizes(environment);

            String[] secrets = new String[PEOPLE];
            long[] steps = new long[PEOPLE];
            LoadClient node = reporters.get(0);
            parallel("enrol and report 3 passwords", i -> {
                String person = "person" + i;
                node.send("POST", "/api/v1/decisions/login", "{\"subject\":\"" + person + "\",\"groups\":[\"staff\"]}");
                String body = node.send("POST", "/api/v1/subjects/" + person + "/totp/enrolment", null).body();
                secrets[i] = body.replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
                steps[i] = ReferenceTotp.step(Instant.now());
                assertThat(node.send("POST", "/api/v1/subjects/" + person + "/totp/enrolment/confirm",
                        "{\"code\":\"" + ReferenceTotp.code(secrets[i], steps[i]) + "\"}").statusCode()).isEqualTo(200);
                for (int s = 0; s < services.size(); s++) {
                    assertThat(reporters.get(s).send("PUT", "/api/v1/credentials/" + person + "/" + services.get(s),
                            "{\"password\":\"" + services.get(s) + "-Orchard-" + i + "-Lantern!\"}").statusCode())
                            .isEqualTo(204);
                }
            });
            Map<String, long[]> enrolled = sizes(environment);

            parallel("one login each (decision, code, LOGIN event)", i -> {
                String person = "person" + i;
                node.send("POST", "/api/v1/decisions/login", "{\"subject\":\"" + person + "\",\"groups\":[\"staff\"],"
                        + "\"enrolledMethods\":[\"totp\"]}");
                long step = Math.max(steps[i] + 1, ReferenceTotp.step(Instant.now()) - 1);
                node.send("POST", "/api/v1/subjects/" + person + "/totp/verify",
                        "{\"code\":\"" + ReferenceTotp.code(secrets[i], step) + "\"}");
                node.send("POST", "/api/v1/events", "[{\"time\":\"" + Instant.now() + "\",\"type\":\"LOGIN\",\"subject\":\""
                        + person + "\",\"outcome\":\"success\",\"ip\":\"10.1.2.3\",\"details\":{\"realm\":\"employees\","
                        + "\"client\":\"wallet-admin\",\"credential_type\":\"otp\"}}]");
            });
            Thread.sleep(3000); // the outbox drains into the chain
            Map<String, long[]> loggedIn = sizes(environment);

            System.out.printf("%nPortcullis capacity: PostgreSQL (embedded), %d people, each with TOTP and 3 reported"
                    + " passwords, then one login each%n", PEOPLE);
            System.out.printf("  %-24s %14s %16s%n", "table", "rows/person", "bytes/person");
            long total = 0;
            for (String table : TABLES) {
                long rows = enrolled.get(table)[0] - before.get(table)[0];
                long bytes = enrolled.get(table)[1] - before.get(table)[1];
                total += bytes;
                System.out.printf("  %-24s %14.2f %16.0f%n", table, rows / (double) PEOPLE, bytes / (double) PEOPLE);
            }
            System.out.printf("  %-24s %14s %16.0f  (tables and indexes, PostgreSQL's own accounting)%n", "total", "",
                    total / (double) PEOPLE);
            long auditRows = loggedIn.get("audit_event")[0] - enrolled.get("audit_event")[0];
            long auditBytes = loggedIn.get("audit_event")[1] - enrolled.get("audit_event")[1];
            System.out.printf("  one login: %.2f audit events, %.0f bytes of audit_event (with indexes)%n",
                    auditRows / (double) PEOPLE, auditBytes / (double) PEOPLE);
            System.out.printf("  Argon2id holds 19 MiB (m = 19456 KiB) per evaluation running; at most one per CPU%n%n");
            assertThat(auditRows).isGreaterThanOrEqualTo(PEOPLE);
        }
    }

    static String key(LoadClient admin, String name, String scopes) throws Exception {
        return admin.send("POST", "/api/v1/admin/services", "{\"name\":\"" + name + "\",\"scopes\":" + scopes + "}")
                .body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    interface Work {
        void person(int i) throws Exception;
    }

    static void parallel(String what, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            int person = i;
            futures.add(pool.submit(() -> {
                work.person(person);
                int finished = done.incrementAndGet();
                if (finished % (PEOPLE / 10) == 0) {
                    System.out.printf("  %s: %d of %d (%.0f s)%n", what, finished, PEOPLE,
                            (System.nanoTime() - started) / 1e9);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %s: %d people in %.1f s, %.1f people per second (%d client threads)%n", what, PEOPLE,
                seconds, PEOPLE / seconds, THREADS);
    }

    /** Rows and total bytes (table, indexes, TOAST) of each table, after an ANALYZE-free exact count. */
    static Map<String, long[]> sizes(BenchEnvironment environment) throws Exception {
        Map<String, long[]> sizes = new TreeMap<>();
        try (Connection db = environment.postgres.getPostgresDatabase().getConnection();
                Statement sql = db.createStatement()) {
            sql.execute("CHECKPOINT");
            for (String table : TABLES) {
                try (ResultSet result = sql.executeQuery("SELECT count(*), pg_total_relation_size('" + table + "') FROM "
                        + table)) {
                    result.next();
                    sizes.put(table, new long[] {result.getLong(1), result.getLong(2)});
                }
            }
        }
        return sizes;
    }
}
