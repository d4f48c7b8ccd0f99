package dev.portcullis.policy.bench;

import dev.portcullis.policy.credentials.Argon2id;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * One Argon2id evaluation at the fingerprint parameters (m = 19456 KiB, t = 2, p = 1, 32 bytes) in
 * password4j (what the service uses) and in BouncyCastle, on one thread. Each library runs alone in
 * its own fresh JVMs, as in the service (run side by side, their 19 MiB of garbage per evaluation
 * slow each other down), {@code bench.argon2.forks} JVMs each, alternating; it prints every JVM's
 * median and the median over all runs. Run with
 * {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=Argon2Benchmark}.
 */
class Argon2Benchmark {

    static final int FORKS = Integer.getInteger("bench.argon2.forks", 3);
    static final int WARMUP = Integer.getInteger("bench.argon2.warmup", 20);
    static final int RUNS = Integer.getInteger("bench.argon2.runs", 60);

    @Test
    void oneEvaluationInEachLibrary() throws Exception {
        System.out.printf("%nArgon2id, m = 19456 KiB, t = 2, p = 1, one thread: %d fresh JVMs per library, each %d"
                + " warm-up runs then %d measured%n", FORKS, WARMUP, RUNS);
        Map<String, List<Long>> all = new TreeMap<>();
        for (int fork = 0; fork < FORKS; fork++) {
            for (String library : List.of("BouncyCastle", "password4j")) {
                long[] micros = fork(library);
                all.computeIfAbsent(library, l -> new ArrayList<>()).addAll(Arrays.stream(micros).boxed().toList());
                System.out.printf("  JVM %d  %-13s median %6.1f ms%n", fork + 1, library,
                        LoadClient.percentile(micros, 0.50) / 1000.0);
            }
        }
        all.forEach((library, runs) -> {
            long[] micros = runs.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  all runs  %-13s median %6.1f ms   p90 %6.1f ms%n", library,
                    LoadClient.percentile(micros, 0.50) / 1000.0, LoadClient.percentile(micros, 0.90) / 1000.0);
        });
    }

    private static long[] fork(String library) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Fork.class.getName(), library,
                String.valueOf(WARMUP), String.valueOf(RUNS)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(output);
        }
        String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
        return Arrays.stream(last.split(" ")).mapToLong(Long::parseLong).sorted().toArray();
    }

    /** One JVM, one library: prints each measured evaluation in microseconds on one line. */
    public static final class Fork {
        public static void main(String... args) {
            byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
            byte[] salt = new byte[16];
            Supplier<byte[]> evaluation = "password4j".equals(args[0])
                    ? () -> Argon2id.FINGERPRINT.hash(password, salt)
                    : () -> bouncyCastle(password, salt);
            if (!Arrays.equals(bouncyCastle(password, salt), Argon2id.FINGERPRINT.hash(password, salt))) {
                throw new AssertionError("the two libraries disagree");
            }
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                evaluation.get();
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                long started = System.nanoTime();
                evaluation.get();
                line.append(i == 0 ? "" : " ").append((System.nanoTime() - started) / 1000);
            }
            System.out.println(line);
        }

        private static byte[] bouncyCastle(byte[] password, byte[] salt) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(19456)
                    .withIterations(2).withParallelism(1).build());
            byte[] out = new byte[32];
            generator.generateBytes(password, out);
            return out;
        }
    }
}
