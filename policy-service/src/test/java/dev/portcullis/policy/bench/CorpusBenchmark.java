package dev.portcullis.policy.bench;

import dev.portcullis.policy.breached.CorpusFile;
import dev.portcullis.policy.support.ServiceProcess;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A synthetic breached-password corpus of {@code bench.corpus.size} (default 100 million) random
 * SHA-1 hashes in Have I Been Pwned's {@code HASH:COUNT} format: the import time through the
 * packaged command, the size on disk and resident, in-process lookups per second, and the false
 * positive rate measured over random hashes that are not in it. Needs about 6 GB of free disk
 * for 100 million. Run with {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=CorpusBenchmark}.
 */
class CorpusBenchmark {

    static final long SIZE = Long.getLong("bench.corpus.size", 100_000_000L);
    static final int LOOKUPS = Integer.getInteger("bench.corpus.lookups", 20_000_000);
    static final int SAMPLE_EVERY = 1000;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void importSizeLookupsAndFalsePositives() throws Exception {
        Path work = Files.createTempDirectory("portcullis-corpus-bench");
        Path input = work.resolve("pwned-passwords-sha1.txt");
        Path corpusPath = work.resolve("home").resolve("breached-passwords.pcb");
        try {
            long started = System.nanoTime();
            long[] members = generate(input);
            System.out.printf("%nGenerated %,d random hashes (%,d MB) in %.1f s%n", SIZE, Files.size(input) >> 20,
                    (System.nanoTime() - started) / 1e9);

            started = System.nanoTime();
            var imported = ServiceProcess.command(Duration.ofMinutes(45),
                    Map.of("PORTCULLIS_HOME", work.resolve("home").toString()), "corpus", "import", input.toString());
            double importSeconds = (System.nanoTime() - started) / 1e9;
            System.out.println(imported.output().lines().filter(l -> l.contains("100%") || l.startsWith("Imported"))
                    .reduce("", (a, b) -> a + "  " + b + "\n"));
            if (imported.exitCode() != 0) {
                throw new AssertionError(imported.output());
            }
            Files.delete(input);

            CorpusFile corpus = CorpusFile.open(corpusPath);
            SplittableRandom random = new SplittableRandom(99);
            long[] probes = new long[LOOKUPS];
            for (int i = 0; i < LOOKUPS; i++) {
                probes[i] = random.nextLong();
            }
            long missing = 0;
            for (long member : members) {
                missing += corpus.count(member) < 0 ? 1 : 0;
            }
            lookups(corpus, probes, 1);
            double single = lookups(corpus, probes, 1);
            double both = lookups(corpus, probes, 2);
            long falsePositives = 0;
            for (long probe : probes) {
                falsePositives += corpus.count(probe) >= 0 ? 1 : 0;
            }
            long resident = residentKiB(corpusPath);

            System.out.printf("Corpus of %,d hashes, %d cores%n", SIZE, Runtime.getRuntime().availableProcessors());
            System.out.printf("  import (packaged command, both passes)   %.1f s%n", importSeconds);
            System.out.printf("  size on disk                              %,d MB (%.2f bytes per hash)%n",
                    Files.size(corpusPath) >> 20, Files.size(corpusPath) / (double) SIZE);
            System.out.printf("  resident after the lookups                %,d MB%n", resident >> 10);
            System.out.printf("  lookups, 1 thread                         %,.0f /s%n", single);
            System.out.printf("  lookups, 2 threads                        %,.0f /s%n", both);
            System.out.printf("  members found                             %,d of %,d sampled%n",
                    members.length - missing, members.length);
            System.out.printf("  false positives                           %d in %,d random non-members (%.2e)%n",
                    falsePositives, LOOKUPS, falsePositives / (double) LOOKUPS);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes SIZE random hashes with counts; returns the first 64 bits of every SAMPLE_EVERY-th. */
    static long[] generate(Path file) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        long[] sample = new long[(int) (SIZE / SAMPLE_EVERY)];
        byte[] line = new byte[64];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 22)) {
            for (long i = 0; i < SIZE; i++) {
                long high = random.nextLong();
                long middle = random.nextLong();
                int low = random.nextInt();
                int at = hex(line, 0, high, 16);
                at = hex(line, at, middle, 16);
                at = hex(line, at, low & 0xFFFFFFFFL, 8);
                line[at++] = ':';
                String count = Long.toString(1 + (random.nextInt(1000) == 0 ? random.nextInt(10_000_000)
                        : random.nextInt(20)));
                for (int c = 0; c < count.length(); c++) {
                    line[at++] = (byte) count.charAt(c);
                }
                line[at++] = '\n';
                out.write(line, 0, at);
                if (i % SAMPLE_EVERY == 0 && i / SAMPLE_EVERY < sample.length) {
                    sample[(int) (i / SAMPLE_EVERY)] = high;
                }
            }
        }
        return sample;
    }

    private static int hex(byte[] line, int at, long value, int digits) {
        for (int d = digits - 1; d >= 0; d--) {
            line[at++] = HEX[(int) (value >>> (4 * d)) & 0xF];
        }
        return at;
    }

    private static double lookups(CorpusFile corpus, long[] probes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * probes.length / threads;
                int to = (t + 1) * probes.length / threads;
                parts.add(pool.submit(() -> {
                    long found = 0;
                    for (int i = from; i < to; i++) {
                        found += corpus.count(probes[i]);
                    }
                    return found;
                }));
            }
            for (Future<Long> part : parts) {
                part.get();
            }
            return probes.length / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** Resident kB of the corpus mapping in this process, from /proc/self/smaps. */
    static long residentKiB(Path corpus) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String name = corpus.toRealPath().toString();
        long total = 0;
        boolean inside = false;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inside = line.endsWith(name);
            } else if (inside && line.startsWith("Rss:")) {
                total += Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return total;
    }
}
