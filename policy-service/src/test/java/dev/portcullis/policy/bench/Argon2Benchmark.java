package dev.portcullis.policy.bench;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.portcullis.policy.credentials.Argon2id;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * One Argon2id evaluation at the fingerprint parameters (m = 19456 KiB, t = 2, p = 1, 32 bytes), in
 * BouncyCastle (what the service uses) and in password4j, on one thread. Prints the median and p90
 * of each. Run with {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=Argon2Benchmark}.
 */
class Argon2Benchmark {

    static final int WARMUP = Integer.getInteger("bench.argon2.warmup", 20);
    static final int RUNS = Integer.getInteger("bench.argon2.runs", 60);

    @Test
    void oneEvaluationInEachLibrary() {
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] salt = new byte[16];
        Argon2Function password4j = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID, 19);
        byte[] expected = Argon2id.FINGERPRINT.hash(password, salt);
        if (!Arrays.equals(expected, password4j.hash(password, salt).getBytes())) {
            throw new AssertionError("the two libraries disagree");
        }
        System.out.printf("%nArgon2id, m = 19456 KiB, t = 2, p = 1, one thread, %d runs after %d warm-up runs%n",
                RUNS, WARMUP);
        for (int round = 0; round < 2; round++) {
            report("BouncyCastle", () -> Argon2id.FINGERPRINT.hash(password, salt));
            report("password4j", () -> password4j.hash(password, salt).getBytes());
        }
    }

    private static void report(String name, Supplier<byte[]> evaluation) {
        for (int i = 0; i < WARMUP; i++) {
            evaluation.get();
        }
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            evaluation.get();
            micros[i] = (System.nanoTime() - started) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("  %-13s median %6.1f ms   p90 %6.1f ms%n", name, micros[RUNS / 2] / 1000.0,
                LoadClient.percentile(micros, 0.90) / 1000.0);
    }
}
