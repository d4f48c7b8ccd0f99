package dev.portcullis.policy.throttle;

import dev.portcullis.policy.credentials.Argon2id;
import dev.portcullis.policy.mfa.TotpCodes;
import dev.portcullis.policy.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What throttling's arithmetic adds to the check and verify paths: one admission (two token buckets,
 * per service and per person, among 100,000 people, held in memory here; in production each admission
 * also takes a database row, which MfaLoadBenchmark measures end to end) on one thread and on two, against, in the same run, the
 * Argon2id evaluation a password check makes anyway and the TOTP check a verification makes anyway
 * (both before any database or HTTP work, which cost far more). Run with
 * {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=ThrottleBenchmark}.
 */
class ThrottleBenchmark {

    static final int PEOPLE = 100_000;
    static final int ROUNDS = Integer.getInteger("bench.throttle.rounds", 5);

    final Caller caller = new Caller("service:keycloak", "127.0.0.1");

    Throttle throttle() {
        Rate unlimited = new Rate(Integer.MAX_VALUE, Duration.ofSeconds(1));
        return new Throttle(true, Map.of(Throttled.CREDENTIAL_CHECK, unlimited, Throttled.CODE_VERIFY, unlimited),
                unlimited, unlimited, unlimited, Map.of(Limited.DECISIONS, unlimited, Limited.EVENT_BATCHES, unlimited,
                        Limited.EVENT_BYTES, unlimited), new MemoryBuckets(), record -> { }, new SimpleMeterRegistry(),
                System::nanoTime);
    }

    @Test
    void admissionAgainstAnArgon2idEvaluation() throws Exception {
        String[] people = new String[PEOPLE];
        Arrays.setAll(people, i -> "person-" + i);
        Throttle throttle = throttle();
        for (String person : people) {
            throttle.admit(Throttled.CODE_VERIFY, "keycloak", person, caller); // every bucket exists
        }
        System.out.printf("%nThrottle admission (two token buckets, %,d people), %d rounds of %,d admissions%n",
                PEOPLE, ROUNDS, PEOPLE * 10);
        double[] single = new double[ROUNDS];
        double[] pair = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            single[round] = nanosPerAdmission(throttle, people, 1);
            pair[round] = nanosPerAdmission(throttle, people, 2);
        }
        Arrays.sort(single);
        Arrays.sort(pair);
        System.out.printf("  one thread    median %7.0f ns per admission%n", single[ROUNDS / 2]);
        System.out.printf("  two threads   median %7.0f ns per admission (each thread)%n", pair[ROUNDS / 2]);

        long[] argon = new long[20];
        byte[] salt = new byte[16];
        for (int i = -5; i < argon.length; i++) {
            long start = System.nanoTime();
            Argon2id.FINGERPRINT.hash(("Guess-" + i).getBytes(StandardCharsets.UTF_8), salt);
            if (i >= 0) {
                argon[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(argon);
        double argonNanos = argon[argon.length / 2];
        System.out.printf("  one Argon2id evaluation (a check makes one or two): median %.1f ms%n", argonNanos / 1e6);
        System.out.printf("  admission / Argon2id evaluation: %.5f%%%n", 100.0 * single[ROUNDS / 2] / argonNanos);

        // the verify path: the RFC 6238 check the service makes anyway (three HMAC-SHA1 steps)
        TotpCodes codes = TotpCodes.sixDigits();
        String secret = codes.newSecret();
        java.time.Instant at = java.time.Instant.now();
        String wrong = "000000".equals(codes.codeAt(secret, TotpCodes.stepAt(at))) ? "111111" : "000000";
        double[] verify = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < 200_000; i++) {
                sink += codes.matchingStep(secret, wrong, at).orElse(0);
            }
            verify[round] = (System.nanoTime() - start) / 200_000.0 + (sink == 42 ? 1 : 0);
        }
        Arrays.sort(verify);
        System.out.printf("  one TOTP code check (a verification makes one): median %.0f ns%n", verify[ROUNDS / 2]);
        System.out.printf("  admission / TOTP code check: %.0f%%%n", 100.0 * single[ROUNDS / 2] / verify[ROUNDS / 2]);
    }

    double nanosPerAdmission(Throttle throttle, String[] people, int threads) throws Exception {
        int perThread = people.length * 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] work = new Future<?>[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                work[t] = pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        throttle.admit(Throttled.CODE_VERIFY, "keycloak", people[(i * 7 + offset) % people.length],
                                caller);
                    }
                });
            }
            for (Future<?> f : work) {
                f.get();
            }
            return (double) (System.nanoTime() - start) / perThread;
        } finally {
            pool.shutdown();
        }
    }
}
