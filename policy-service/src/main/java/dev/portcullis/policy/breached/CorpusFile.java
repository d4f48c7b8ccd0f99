package dev.portcullis.policy.breached;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An imported corpus, memory-mapped read-only: the operating system pages in what lookups touch
 * and shares it between processes. Thread-safe; a lookup allocates nothing.
 */
public final class CorpusFile {

    private final Path path;
    private final CorpusLayout.Header header;
    private final MappedRegion index;
    private final MappedRegion keys;
    private final MappedRegion counts;
    private final MappedRegion overflow;
    private final int bucketBits;

    private CorpusFile(Path path, CorpusLayout.Header header, MappedRegion index, MappedRegion keys,
            MappedRegion counts, MappedRegion overflow) {
        this.path = path;
        this.header = header;
        this.index = index;
        this.keys = keys;
        this.counts = counts;
        this.overflow = overflow;
        this.bucketBits = header.bucketBits();
    }

    public static CorpusFile open(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(CorpusLayout.HEADER_BYTES);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // read the whole header
            }
            if (head.hasRemaining()) {
                throw new CorpusException(path + " is too short to be a corpus");
            }
            CorpusLayout.Header header = CorpusLayout.Header.decode(head.flip());
            long expected = CorpusLayout.fileBytes(header.bucketBits(), header.entries(), header.overflow());
            if (channel.size() != expected) {
                throw new CorpusException(path + " is " + channel.size() + " bytes, its header says " + expected
                        + ": it is truncated or corrupt; import it again");
            }
            FileChannel.MapMode ro = FileChannel.MapMode.READ_ONLY;
            long at = CorpusLayout.HEADER_BYTES;
            long indexBytes = CorpusLayout.indexBytes(header.bucketBits());
            MappedRegion index = new MappedRegion(channel, ro, at, indexBytes);
            at += indexBytes;
            MappedRegion keys = new MappedRegion(channel, ro, at, header.entries() * Integer.BYTES);
            at += header.entries() * Integer.BYTES;
            MappedRegion counts = new MappedRegion(channel, ro, at, header.entries() * Short.BYTES);
            at += header.entries() * Short.BYTES;
            MappedRegion overflow = new MappedRegion(channel, ro, at,
                    header.overflow() * CorpusLayout.OVERFLOW_ENTRY_BYTES);
            CorpusFile file = new CorpusFile(path, header, index, keys, counts, overflow);
            if (index.getInt(1L << header.bucketBits()) != header.entries()) {
                throw new CorpusException(path + " has a corrupt index; import it again");
            }
            return file;
        } catch (CorpusException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorpusException("cannot read the corpus " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * How often the password whose SHA-1 starts with the 64 bits {@code h} was seen, or -1 when the
     * corpus does not hold it.
     */
    public long count(long h) {
        int bucket = CorpusLayout.bucket(h, bucketBits);
        int key = CorpusLayout.key(h, bucketBits);
        long low = index.getInt(bucket);
        long high = index.getInt(bucket + 1) - 1L;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            int probe = keys.getInt(middle);
            int order = Integer.compareUnsigned(probe, key);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                int count = counts.getUnsignedShort(middle);
                return count == CorpusLayout.COUNT_OVERFLOW ? overflowCount(middle) : count;
            }
        }
        return -1;
    }

    private long overflowCount(long entry) {
        long low = 0;
        long high = header.overflow() - 1;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            long at = middle * CorpusLayout.OVERFLOW_ENTRY_BYTES;
            int probe = overflow.getIntAtByte(at);
            if (probe < entry) {
                low = middle + 1;
            } else if (probe > entry) {
                high = middle - 1;
            } else {
                return overflow.getLongAtByte(at + Integer.BYTES);
            }
        }
        return CorpusLayout.COUNT_OVERFLOW;
    }

    public long entries() {
        return header.entries();
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(header.createdAtMillis());
    }

    public Path path() {
        return path;
    }

    public long sizeBytes() {
        return CorpusLayout.fileBytes(bucketBits, header.entries(), header.overflow());
    }
}
