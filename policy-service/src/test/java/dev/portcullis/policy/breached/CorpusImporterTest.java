package dev.portcullis.policy.breached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusImporterTest {

    @TempDir
    Path temp;

    private final List<String> phases = new ArrayList<>();
    private final CorpusImporter.Progress progress = new CorpusImporter.Progress() {
        @Override
        public void phase(String name, long total) {
            phases.add(name);
        }

        @Override
        public void advance(long done) {
        }
    };

    static String sha1(String password) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    private CorpusFile importFrom(Path input) {
        Path out = temp.resolve("out/corpus.pcb");
        CorpusImporter.run(HibpInput.of(input), out, progress);
        return CorpusFile.open(out);
    }

    @Test
    void rangeFilesAsTheDownloaderWritesThemAreImportedWithTheirCounts() throws Exception {
        Path ranges = Files.createDirectories(temp.resolve("ranges"));
        // Three passwords, each in its prefix file, with CRLF line ends as the downloader writes them.
        for (String[] entry : new String[][] {{"hunter2", "17043"}, {"correct horse", "3"}, {"Tr0ub4dor&3", "129"}}) {
            String hash = sha1(entry[0]);
            Path file = ranges.resolve(hash.substring(0, 5) + ".txt");
            Files.writeString(file, hash.substring(5) + ":" + entry[1] + "\r\n", StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        Files.writeString(ranges.resolve("README.md"), "not a range file");
        CorpusFile corpus = importFrom(ranges);
        assertThat(corpus.entries()).isEqualTo(3);
        assertThat(corpus.count(Sha1Prefix.of("hunter2"))).isEqualTo(17043);
        assertThat(corpus.count(Sha1Prefix.of("correct horse"))).isEqualTo(3);
        assertThat(corpus.count(Sha1Prefix.of("Tr0ub4dor&3"))).isEqualTo(129);
        assertThat(corpus.count(Sha1Prefix.of("hunter3"))).isEqualTo(-1);
        assertThat(phases).containsExactly("reading (1/4)", "placing (2/4)", "sorting (3/4)", "writing (4/4)");
    }

    @Test
    void aSingleUnsortedHashFileWithHugeCountsAndDuplicatesIsImported() throws Exception {
        Random random = new Random(42);
        Set<String> hashes = new TreeSet<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[20];
            random.nextBytes(bytes);
            String hash = HexFormat.of().formatHex(bytes);
            hashes.add(hash);
            text.append(i % 2 == 0 ? hash : hash.toUpperCase(Locale.ROOT)).append(':').append(i + 1).append('\n');
        }
        text.append(sha1("password")).append(":52256179\n");          // more than 16 bits of count
        text.append(sha1("dragon")).append(":100\n").append(sha1("dragon")).append(":50\n");
        text.append(sha1("nocount")).append('\n').append('\n');         // no count: seen once; blank line
        Path file = temp.resolve("pwned-passwords-sha1.txt");
        Files.writeString(file, text, StandardCharsets.US_ASCII);

        CorpusFile corpus = importFrom(file);
        assertThat(corpus.entries()).isEqualTo(50_003);
        assertThat(corpus.count(Sha1Prefix.of("password"))).isEqualTo(52_256_179L);
        assertThat(corpus.count(Sha1Prefix.of("dragon"))).isEqualTo(150);
        assertThat(corpus.count(Sha1Prefix.of("nocount"))).isEqualTo(1);
        int i = 0;
        for (String hash : hashes) {
            long h = Long.parseUnsignedLong(hash.substring(0, 16), 16);
            assertThat(corpus.count(h)).as(hash).isPositive();
            assertThat(corpus.count(h ^ 1L << 40)).as("a near miss of " + hash).isEqualTo(-1);
            if (++i == 5_000) {
                break;
            }
        }
    }

    @Test
    void malformedLinesStopTheImportNamingFileAndLine() throws IOException {
        Path file = temp.resolve("bad.txt");
        Files.writeString(file, "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\nnot-a-hash:4\n");
        assertThatThrownBy(() -> importFrom(file)).isInstanceOf(CorpusException.class)
                .hasMessageContaining("bad.txt, line 2").hasMessageContaining("hex digit");
        Files.writeString(file, "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:three\n");
        assertThatThrownBy(() -> importFrom(file)).hasMessageContaining("line 1 has a count that is not a whole number");
        Files.writeString(file, "8846F7EAEE8FB117AD06BDD830B7586C:1\n"); // an NTLM hash: 32 digits
        assertThatThrownBy(() -> importFrom(file)).hasMessageContaining("does not start with 40 hex digits");
        Files.writeString(file, "\n\n");
        assertThatThrownBy(() -> importFrom(file)).hasMessageContaining("holds no hashes");
        assertThat(temp.resolve("out/corpus.pcb")).doesNotExist();
        try (var left = Files.list(temp.resolve("out"))) {
            assertThat(left).as("no scratch or partial file is left behind").isEmpty();
        }
    }

    @Test
    void aDirectoryWithoutRangeFilesOrAMissingPathIsRefused() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> HibpInput.of(empty)).hasMessageContaining("no range files");
        assertThatThrownBy(() -> HibpInput.of(temp.resolve("missing"))).hasMessageContaining("neither a file");
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedWhenOpened() throws Exception {
        Path file = temp.resolve("one.txt");
        Files.writeString(file, sha1("hunter2") + ":1\n");
        importFrom(file);
        Path corpus = temp.resolve("out/corpus.pcb");
        byte[] bytes = Files.readAllBytes(corpus);
        Files.write(corpus, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> CorpusFile.open(corpus)).hasMessageContaining("truncated or corrupt");
        Files.writeString(corpus, "x".repeat(100));
        assertThatThrownBy(() -> CorpusFile.open(corpus)).hasMessageContaining("bad magic");
    }
}
