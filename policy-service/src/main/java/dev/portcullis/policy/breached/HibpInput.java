package dev.portcullis.policy.breached;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Have I Been Pwned's SHA-1 lists as its downloader writes them: a directory of range files
 * ({@code 5AF3B.txt}, lines {@code SUFFIX:COUNT} with the 35 remaining hex digits), or one file of
 * {@code HASH:COUNT} lines with all 40. A line without {@code :COUNT} counts once; CRLF and blank
 * lines are fine; anything else stops the import with the file and line.
 */
public final class HibpInput {

    private static final Pattern RANGE_FILE = Pattern.compile("[0-9A-Fa-f]{5}(\\.txt)?");
    private static final int BUFFER = 1 << 20;

    /** Receives the first 64 bits of each SHA-1 and its count. */
    public interface Sink {
        void accept(long h, long count);
    }

    private final List<Path> files;
    private final boolean ranges;
    private final long totalBytes;

    private HibpInput(List<Path> files, boolean ranges) throws IOException {
        this.files = files;
        this.ranges = ranges;
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        this.totalBytes = total;
    }

    public static HibpInput of(Path path) {
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(path)) {
                    files = listing.filter(p -> RANGE_FILE.matcher(p.getFileName().toString()).matches())
                            .sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new CorpusException(path + " holds no range files (named like 5AF3B.txt)");
                }
                return new HibpInput(files, true);
            }
            if (!Files.isRegularFile(path)) {
                throw new CorpusException(path + " is neither a file of HASH:COUNT lines nor a directory of range files");
            }
            return new HibpInput(List.of(path), false);
        } catch (IOException e) {
            throw new CorpusException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public long totalBytes() {
        return totalBytes;
    }

    public String describe() {
        return ranges ? files.size() + " range files" : files.get(0).getFileName().toString();
    }

    /** Reads every hash once; {@code bytesRead} hears the running total of bytes read. */
    public void forEach(Sink sink, LongConsumer bytesRead) {
        long done = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            long prefix = ranges ? Long.parseLong(name.substring(0, 5), 16) : 0;
            try (InputStream in = Files.newInputStream(file)) {
                done = new Parser(file, ranges ? 5 : 0, prefix, sink).run(in, done, bytesRead);
            } catch (IOException e) {
                throw new CorpusException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** One file: lines of hex digits (40 minus the prefix), then optionally ':' and a count. */
    private static final class Parser {
        private final Path file;
        private final int hexDigits;
        private final long prefixBits;
        private final int prefixShift;
        private final Sink sink;
        private long line;

        Parser(Path file, int prefixDigits, long prefix, Sink sink) {
            this.file = file;
            this.hexDigits = 40 - prefixDigits;
            this.prefixShift = 64 - 4 * prefixDigits;
            this.prefixBits = prefixDigits == 0 ? 0 : prefix << prefixShift;
            this.sink = sink;
        }

        long run(InputStream in, long done, LongConsumer bytesRead) throws IOException {
            byte[] buffer = new byte[BUFFER];
            int carried = 0;
            int read;
            while ((read = in.read(buffer, carried, buffer.length - carried)) > 0) {
                int end = carried + read;
                int start = 0;
                for (int i = 0; i < end; i++) {
                    if (buffer[i] == '\n') {
                        parseLine(buffer, start, i);
                        start = i + 1;
                    }
                }
                carried = end - start;
                if (carried == buffer.length) {
                    throw error("is longer than " + BUFFER + " bytes");
                }
                System.arraycopy(buffer, start, buffer, 0, carried);
                done += read;
                bytesRead.accept(done);
            }
            if (carried > 0) {
                parseLine(buffer, 0, carried);
            }
            return done;
        }

        private void parseLine(byte[] b, int from, int to) {
            line++;
            if (to > from && b[to - 1] == '\r') {
                to--;
            }
            if (to == from) {
                return;
            }
            if (to - from < hexDigits) {
                throw error("does not start with " + hexDigits + " hex digits");
            }
            long h = prefixBits;
            int bits = prefixShift;
            for (int i = 0; i < hexDigits; i++) {
                int digit = Character.digit(b[from + i], 16);
                if (digit < 0) {
                    throw error("has '" + (char) (b[from + i] & 0xFF) + "' where a hex digit belongs");
                }
                if (bits > 0) {
                    bits -= 4;
                    h |= (long) digit << bits;
                }
            }
            int at = from + hexDigits;
            long count = 1;
            if (at < to) {
                if (b[at] != ':' || at + 1 == to) {
                    throw error("must be " + hexDigits + " hex digits, optionally followed by ':' and a count");
                }
                count = 0;
                for (int i = at + 1; i < to; i++) {
                    int digit = b[i] - '0';
                    if (digit < 0 || digit > 9) {
                        throw error("has a count that is not a whole number");
                    }
                    count = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10 + digit;
                }
            }
            sink.accept(h, count);
        }

        private CorpusException error(String problem) {
            return new CorpusException(String.format(Locale.ROOT, "%s, line %d %s", file, line, problem));
        }
    }
}
