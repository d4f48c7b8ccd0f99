package dev.portcullis.policy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.ReferenceTotp;
import dev.portcullis.policy.support.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Loads the packaged service on a real PostgreSQL over HTTP keep-alive: login decisions, then TOTP
 * verifications. Run with {@code mvn -B -pl policy-service -am verify -Pbench}; it prints its figures.
 * The load generator shares the machine's cores with the service and the database.
 */
class MfaLoadBenchmark {

    static final String ADMIN = BenchEnvironment.ADMIN;
    static final int THREADS = Integer.getInteger("bench.threads", 32);
    /** The JIT needs a minute or more on 2 cores before the figures settle. */
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 60));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    static final int SUBJECTS = Integer.getInteger("bench.subjects", 10000);

    @Test
    void loginDecisionsAndTotpVerifications() throws Exception {
        // Replayed codes count as failures; the benchmark sends many, so lockout is out of its way.
        try (BenchEnvironment environment = BenchEnvironment.start(Map.of("PORTCULLIS_MFA_MAX_FAILURES", "1000000000",
                // the throttle runs, but one load client is not a guesser: limits it never reaches
                "PORTCULLIS_THROTTLE_PER_SERVICE", "1000000000/1S", "PORTCULLIS_THROTTLE_CODES_PER_PERSON", "1000000/1S"))) {
            ServiceProcess service = environment.service;
            Path work = environment.work;
            String key = service.call("POST", "/api/v1/admin/services", ADMIN,
                    "{\"name\":\"bench\",\"scopes\":[\"mfa\",\"enrol\",\"idp\"]}").body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
            LoadClient client = new LoadClient(service.baseUrl(), key);

            long[] lastStep = new long[SUBJECTS];
            List<String> secrets = enrol(client, SUBJECTS, lastStep);
            System.out.printf("%nPortcullis MFA benchmark: PostgreSQL (embedded), %d client threads, %d subjects,"
                    + " %d cores%n", THREADS, SUBJECTS, Runtime.getRuntime().availableProcessors());

            AtomicInteger round = new AtomicInteger();
            var decisions = (java.util.function.IntFunction<LoadClient.Call>) t -> new LoadClient.Post(
                    "/api/v1/decisions/login", "{\"subject\":\"user" + Math.floorMod(round.getAndIncrement(), SUBJECTS)
                            + "\",\"groups\":[\"/engineering\"],\"roles\":[\"staff\"],\"client\":\"account-console\","
                            + "\"enrolledMethods\":[]}");
            client.run("warm-up", THREADS, WARMUP, decisions);
            LoadClient.Result decided = client.run("login decisions", THREADS, MEASURE, decisions);

            // Each subject's next unused step (one either side of now is accepted, each at most once):
            // warm-up uses the first half of the subjects, the measurement the second.
            AtomicLong valid = new AtomicLong();
            AtomicInteger warmupNext = new AtomicInteger();
            AtomicInteger measureNext = new AtomicInteger(SUBJECTS / 2);
            client.run("warm-up", THREADS, WARMUP.dividedBy(2),
                    t -> verification(secrets, lastStep, Math.floorMod(warmupNext.getAndIncrement(), SUBJECTS / 2), valid));
            valid.set(0);
            LoadClient.Result verified = client.run("TOTP verifications", THREADS, MEASURE,
                    t -> verification(secrets, lastStep,
                            SUBJECTS / 2 + Math.floorMod(measureNext.getAndIncrement(), SUBJECTS / 2), valid));

            String wrkDecisions = WrkRun.decisions(service.baseUrl(), key, SUBJECTS, MEASURE, work);

            System.out.println(decided);
            if (wrkDecisions != null) {
                System.out.println("login decisions, measured by wrk (C, 2 threads, 16 connections):");
                System.out.println(wrkDecisions);
            }
            System.out.println(verified);
            System.out.printf("  of the verifications, %d accepted; the rest reused a step that subject had already"
                    + " used (refused, counted and audited like any failure)%n", valid.get());
            var audit = service.call("GET", "/api/v1/audit/verify", ADMIN, null).body();
            System.out.println("  audit chain afterwards: " + audit + "\n");
            assertThat(decided.failures()).isZero();
            assertThat(verified.failures()).isZero();
        }
    }

    /** The next code a person would type for subject i: a step not used yet if there is one. */
    static LoadClient.Call verification(List<String> secrets, long[] lastStep, int i, AtomicLong valid) {
        long now = ReferenceTotp.step(Instant.now());
        long step;
        synchronized (lastStep) {
            step = Math.max(lastStep[i] + 1, now - 1);
            if (step > now + 1) {
                step = now;
            } else {
                lastStep[i] = step;
            }
        }
        String code = ReferenceTotp.code(secrets.get(i), step);
        return new LoadClient.Post("/api/v1/subjects/user" + i + "/totp/verify", "{\"code\":\"" + code + "\"}",
                body -> {
                    if (body.contains("\"valid\":true")) {
                        valid.incrementAndGet();
                    }
                });
    }

    static List<String> enrol(LoadClient client, int subjects, long[] confirmedStep) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            String subject = "user" + i;
            int index = i;
            futures.add(pool.submit(() -> {
                String body = client.send("POST", "/api/v1/subjects/" + subject + "/totp/enrolment", null).body();
                String secret = body.replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
                long step = ReferenceTotp.step(Instant.now());
                String code = ReferenceTotp.code(secret, step);
                var confirmed = client.send("POST", "/api/v1/subjects/" + subject + "/totp/enrolment/confirm",
                        "{\"code\":\"" + code + "\"}");
                assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
                synchronized (confirmedStep) {
                    confirmedStep[index] = step;
                }
                return secret;
            }));
        }
        List<String> secrets = new ArrayList<>();
        for (Future<String> future : futures) {
            secrets.add(future.get());
        }
        pool.shutdown();
        return secrets;
    }
}
