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
        }
    }

    static LoadClient.Call check(String subject, String password) {
        return new LoadClient.Post("/api/v1/credentials/check", "{\"subject\":\"" + subject
                + "\",\"service\":\"keycloak\",\"password\":\"" + password + "\"}", body -> {
                    if (!body.contains("\"action\"")) {
                        throw new IllegalStateException("unexpected answer " + body);
                    }
                });
    }

    static String createService(ServiceProcess service, String name) throws Exception {
        return service.call("POST", "/api/v1/admin/services", ADMIN,
                "{\"name\":\"" + name + "\",\"scopes\":[\"credentials\"]}").body()
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
                    text.append(hex.formatHex(bytes)).append("\tseed\t2026-11-25 00:00:00+00\n");
                }
                rows += copy.copyIn("COPY credential_fingerprint (subject, service, exact_fp, root_fp, key_id,"
                        + " updated_at) FROM STDIN", new StringReader(text.toString()));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE credential_fingerprint");
            }
        }
        return rows + names.size();
    }
}
