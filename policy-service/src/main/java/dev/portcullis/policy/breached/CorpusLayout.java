package dev.portcullis.policy.breached;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The on-disk layout of an imported breached-password corpus. Each SHA-1 is reduced to its first
 * 64 bits {@code h}; its top {@code B} bits pick a bucket and the next 32 bits are stored. So a
 * corpus of N hashes costs 6 bytes each (a 32-bit key and a 16-bit count) and a lookup checks
 * {@code B + 32} bits: about one false positive in 2^26 lookups of a password that is not there,
 * whatever N, because B grows with N.
 * <pre>
 * header   64 bytes: "PCBREACH", version, B, entries, overflow entries, created (epoch ms)
 * index    (2^B + 1) × int32: first entry of each bucket, then the entry count
 * keys     entries × int32, sorted (unsigned) within each bucket
 * counts   entries × uint16; 65535 means "see the overflow table"
 * overflow overflow entries × (int32 entry, int64 count), sorted by entry
 * </pre>
 * Big-endian throughout.
 */
final class CorpusLayout {

    static final byte[] MAGIC = "PCBREACH".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    static final int MIN_BUCKET_BITS = 8;
    static final int MAX_BUCKET_BITS = 24;
    static final int COUNT_OVERFLOW = 0xFFFF;
    static final int OVERFLOW_ENTRY_BYTES = 12;

    private CorpusLayout() {
    }

    /** About 64 entries per bucket: the index stays small and a bucket a few cache lines long. */
    static int bucketBits(long entries) {
        int log2 = 63 - Long.numberOfLeadingZeros(Math.max(1, entries));
        return Math.max(MIN_BUCKET_BITS, Math.min(MAX_BUCKET_BITS, log2 - 6));
    }

    static int bucket(long h, int bucketBits) {
        return (int) (h >>> (64 - bucketBits));
    }

    static int key(long h, int bucketBits) {
        return (int) (h >>> (32 - bucketBits));
    }

    static long indexBytes(int bucketBits) {
        return ((1L << bucketBits) + 1) * Integer.BYTES;
    }

    static long fileBytes(int bucketBits, long entries, long overflow) {
        return HEADER_BYTES + indexBytes(bucketBits) + entries * (Integer.BYTES + Short.BYTES)
                + overflow * OVERFLOW_ENTRY_BYTES;
    }

    record Header(int bucketBits, long entries, long overflow, long createdAtMillis) {

        ByteBuffer encode() {
            ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES);
            buffer.put(MAGIC).putInt(VERSION).putInt(bucketBits).putLong(entries).putLong(overflow)
                    .putLong(createdAtMillis);
            return buffer.position(HEADER_BYTES).flip();
        }

        static Header decode(ByteBuffer buffer) {
            byte[] magic = new byte[MAGIC.length];
            buffer.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorpusException("is not a Portcullis breached-password corpus (bad magic)");
            }
            int version = buffer.getInt();
            if (version != VERSION) {
                throw new CorpusException("has format version " + version + "; this service reads " + VERSION);
            }
            Header header = new Header(buffer.getInt(), buffer.getLong(), buffer.getLong(), buffer.getLong());
            if (header.bucketBits < MIN_BUCKET_BITS || header.bucketBits > MAX_BUCKET_BITS
                    || header.entries < 0 || header.entries > Integer.MAX_VALUE
                    || header.overflow < 0 || header.overflow > header.entries) {
                throw new CorpusException("has a corrupt header");
            }
            return header;
        }
    }
}
