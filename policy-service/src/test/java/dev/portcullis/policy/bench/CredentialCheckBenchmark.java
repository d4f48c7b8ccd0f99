package dev.portcullis.policy.bench;

import dev.portcullis.policy.support.ServiceProcess;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Password checks against the packaged service on a real PostgreSQL:
 * <ul>
 * <li>(a) checks/s, p50 and p99 with {@code bench.threads} concurrent clients, and the latency of
 * one check on its own;</li>
 * <li>(b) the flat-cost claim: one person's check with one registered service, then again once
 * they have 50 and the table holds 50 services × 100,000 subjects (5 million rows).</li>
 * </ul>
 * Run with {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=CredentialCheckBenchmark}.
 */
class CredentialCheckBenchmark {

    static final String ADMIN = BenchEnvironment.ADMIN;
    static final int THREADS = Integer.getInteger("bench.threads", 4);
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 30));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    static final int SERVICES = Integer.getInteger("bench.services", 50);
    static final int SUBJECTS = Integer.getInteger("bench.subjects", 100_000);
    static final String PASSWORD = "Orchard-Lantern-Quietly-42";

    @Test
    void checkLatencyThroughputAndFlatCost() throws Exception {
        try (BenchEnvironment environment = BenchEnvironment.start(Map.of(
                // the throttle runs, but one load client is not a guesser: limits it never reaches
                "PORTCULLIS_THROTTLE_PER_SERVICE", "1000000000/1S", "PORTCULLIS_THROTTLE_CHECKS_PER_PERSON", "1000000/1S"))) {
            ServiceProcess service = environment.service;
            List<String> names = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int s = 0; s < SERVICES; s++) {
                names.add(String.format("svc%02d", s));
                keys.add(createService(service, names.get(s)));
            }
            String keycloak = createService(service, "keycloak");
            LoadClient client = new LoadClient(service.baseUrl(), keycloak);
            register(service, keys.get(0), "flat", names.get(0));

            AtomicInteger round = new AtomicInteger();
            IntFunction<LoadClient.Call> many = t -> check("person" + round.getAndIncrement() % 1000,
                    "Candidate-" + round.get() % 97 + "-Meadow");
            IntFunction<LoadClient.Call> flat = t -> check("flat", PASSWORD);
            client.run("warm-up", THREADS, WARMUP, many);
            LoadClient.Result loaded = client.run("password checks", THREADS, MEASURE, many);
            LoadClient.Result oneService = client.run("check, 1 service", 1, MEASURE, flat);
            Report twoCalls = firstReports(service, client, false);
            Report oneCall = firstReports(service, client, true);

            for (int s = 1; s < SERVICES; s++) {
                register(service, keys.get(s), "flat", names.get(s));
            }
            long seeded = seed(environment, names);
            client.run("warm-up", 1, WARMUP.dividedBy(3), flat);
            LoadClient.Result fiftyServices = client.run("check, 50 services", 1, MEASURE, flat);

            System.out.printf("%nPortcullis password-check benchmark: PostgreSQL (embedded), %d cores shared by client,"
                    + " service and database%n", Runtime.getRuntime().availableProcessors());
            System.out.printf("(a) %d concurrent clients:%n    %s%n", THREADS, loaded);
            System.out.printf("    one client at a time:%n    %s%n", oneService);
            System.out.printf("(b) flat cost, one client:%n    %s%n    %s   (%,d fingerprint rows)%n", oneService,
                    fiftyServices, seeded);
            System.out.printf("    median ratio (50 services x %,d subjects / 1 service): %.3f   p99 ratio: %.3f%n",
                    SUBJECTS, fiftyServices.p50Micros() / (double) oneService.p50Micros(),
                    fiftyServices.p99Micros() / (double) oneService.p99Micros());
            System.out.printf("(c) a first login's report of a new password, one at a time (%d people each way):%n"
                    + "    %s%n    %s%n", REPORTS, twoCalls, oneCall);
        }
    }

    static final int REPORTS = Integer.getInteger("bench.reports", 100);

    /** Median and p99 of one report, and the Argon2id evaluations it cost. */
    record Report(String how, long p50Micros, long p99Micros, double evaluations) {
        @Override
        public String toString() {
            return String.format("%-44s p50 %6.1f ms   p99 %6.1f ms   %.2f Argon2id per report", how,
                    p50Micros / 1000.0, p99Micros / 1000.0, evaluations);
        }
    }

    /**
     * What Keycloak's password form sends for a password it has just accepted and never reported: a
     * check, then a registration (two calls, each computing the fingerprints), or one call that does both.
     */
    static Report firstReports(ServiceProcess service, LoadClient client, boolean oneCall) throws Exception {
        long[] micros = new long[REPORTS];
        double before = evaluations(service);
        for (int i = 0; i < REPORTS; i++) {
            String subject = (oneCall ? "once" : "twice") + i;
            String body = "{\"subject\":\"" + subject + "\",\"service\":\"keycloak\",\"password\":\"" + PASSWORD + "\"}";
            long start = System.nanoTime();
            if (oneCall) {
                expect(client.send("POST", "/api/v1/credentials/check?register=always", body), 200);
            } else {
                expect(client.send("POST", "/api/v1/credentials/check", body), 200);
                expect(client.send("PUT", "/api/v1/credentials/" + subject + "/keycloak",
                        "{\"password\":\"" + PASSWORD + "\"}"), 204);
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        double perReport = (evaluations(service) - before) / REPORTS;
        java.util.Arrays.sort(micros);
        return new Report(oneCall ? "check and register in one call" : "check, then register (two calls)",
                micros[REPORTS / 2], micros[Math.min(REPORTS - 1, (int) Math.ceil(REPORTS * 0.99) - 1)], perReport);
    }

    static void expect(java.net.http.HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The service's {@code portcullis_argon2id_evaluations_total}. */
    static double evaluations(ServiceProcess service) throws Exception {
        java.util.regex.Matcher total = java.util.regex.Pattern
                .compile("(?m)^portcullis_argon2id_evaluations_total(?:\\{[^}]*\\})? ([0-9.E+]+)")
                .matcher(service.call("GET", "/q/metrics", null, null).body());
        if (!total.find()) {
            throw new IllegalStateException("no portcullis_argon2id_evaluations_total in /q/metrics");
        }
        return Double.parseDouble(total.group(1));
    }

    static LoadClient.Call check(String subject, String password) {
        return new LoadClient.Post("/api/v1/credentials/check", "{\"subject\":\"" + subject
                + "\",\"service\":\"keycloak\",\"password\":\"" + password + "\"}", body -> {
                    if (!body.contains("\"action\"")) {
                        throw new IllegalStateException("unexpected answer " + body);
                    }
                });
    }

    /**
     * A reporting service with scope idp, so that it may make the benchmark's people known by registering their
     * passwords (a service without it registers only for people the identity provider has seen).
     */
    static String createService(ServiceProcess service, String name) throws Exception {
        return service.call("POST", "/api/v1/admin/services", ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[\"credentials\",\"idp\"]}").body()
                .replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    static void register(ServiceProcess service, String key, String subject, String name) throws Exception {
        int status = service.call("PUT", "/api/v1/credentials/" + subject + "/" + name, key,
                "{\"password\":\"" + PASSWORD + "\"}").statusCode();
        if (status != 204) {
            throw new IllegalStateException("registration answered " + status);
        }
    }

    /** Everyone else: SUBJECTS - 1 people with a (random) fingerprint at every service, by COPY. */
    static long seed(BenchEnvironment environment, List<String> names) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        HexFormat hex = HexFormat.of();
        byte[] bytes = new byte[32];
        long rows = 0;
        try (Connection connection = environment.postgres.getPostgresDatabase().getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String name : names) {
                StringBuilder text = new StringBuilder(SUBJECTS * 200);
                for (int p = 1; p < SUBJECTS; p++) {
                    text.append("seed").append(p).append('\t').append(name).append('\t');
                    random.nextBytes(bytes);
                    text.append(hex.formatHex(bytes)).append('\t');
                    random.nextBytes(bytes);
                    text.append(hex.formatHex(bytes)).append('\t');
                    random.nextBytes(bytes);
                    text.append(hex.formatHex(bytes)).append("\t2\tseed\t2026-11-25 00:00:00+00\n");
                }
                rows += copy.copyIn("COPY credential_fingerprint (subject, service, exact_fp, root_fp, root2_fp,"
                        + " variant_version, key_id, updated_at) FROM STDIN", new StringReader(text.toString()));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE credential_fingerprint");
            }
        }
        return rows + names.size();
    }
}
