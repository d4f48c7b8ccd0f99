package dev.portcullis.policy.breached;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Builds a {@link CorpusFile} from {@link HibpInput} in memory that does not grow with the input:
 * <ol>
 * <li>count the hashes per bucket;</li>
 * <li>place each (key, count) in its bucket's slot of a memory-mapped scratch file;</li>
 * <li>sort each bucket and merge duplicate keys;</li>
 * <li>write the corpus beside the target and move it into place, so a running service or a failed
 * import never sees half a file.</li>
 * </ol>
 * The input need not be sorted. It is read twice.
 */
public final class CorpusImporter {

    /** Hears how far the import is. */
    public interface Progress {
        void phase(String name, long total);

        void advance(long done);
    }

    private static final int COUNT_BITS = CorpusLayout.MAX_BUCKET_BITS;

    private CorpusImporter() {
    }

    /** What an import produced. */
    public record Summary(long hashesRead, long entries, long overflow, int bucketBits, long bytes) {
    }

    public static Summary run(HibpInput input, Path target, Progress progress) {
        Path directory = target.toAbsolutePath().getParent();
        Path scratch = null;
        Path partial = null;
        try {
            Files.createDirectories(directory);
            progress.phase("reading (1/4)", input.totalBytes());
            int[] fine = new int[1 << COUNT_BITS];
            long[] read = {0};
            input.forEach((h, count) -> {
                fine[(int) (h >>> (64 - COUNT_BITS))]++;
                read[0]++;
            }, progress::advance);
            long hashes = read[0];
            if (hashes == 0) {
                throw new CorpusException("the input holds no hashes");
            }
            if (hashes > Integer.MAX_VALUE) {
                throw new CorpusException("the input holds " + hashes + " hashes; a corpus holds at most "
                        + Integer.MAX_VALUE);
            }
            int bits = CorpusLayout.bucketBits(hashes);
            long[] starts = bucketStarts(fine, bits);
            scratch = Files.createTempFile(directory, ".corpus-", ".scratch");
            partial = Files.createTempFile(directory, ".corpus-", ".partial");
            try (RandomAccessFile file = new RandomAccessFile(scratch.toFile(), "rw")) {
                file.setLength(hashes * Long.BYTES);
                MappedRegion slots = new MappedRegion(file.getChannel(), FileChannel.MapMode.READ_WRITE, 0,
                        hashes * Long.BYTES);
                place(input, slots, starts, bits, progress);
                Merged merged = sortAndMerge(slots, starts, progress);
                Summary summary = write(slots, starts, merged, bits, hashes, partial, progress);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return summary;
            }
        } catch (IOException e) {
            throw new CorpusException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
            deleteQuietly(partial);
        }
    }

    private static long[] bucketStarts(int[] fine, int bits) {
        long[] starts = new long[(1 << bits) + 1];
        int shift = COUNT_BITS - bits;
        for (int i = 0; i < fine.length; i++) {
            starts[(i >>> shift) + 1] += fine[i];
        }
        for (int b = 1; b < starts.length; b++) {
            starts[b] += starts[b - 1];
        }
        return starts;
    }

    /** Slot value: the key with its sign bit flipped (so signed order is unsigned key order), then the count. */
    private static void place(HibpInput input, MappedRegion slots, long[] starts, int bits, Progress progress) {
        long[] next = Arrays.copyOf(starts, starts.length - 1);
        progress.phase("placing (2/4)", input.totalBytes());
        input.forEach((h, count) -> {
            int bucket = CorpusLayout.bucket(h, bits);
            long slot = next[bucket]++;
            if (slot >= starts[bucket + 1]) {
                throw new CorpusException("the input changed while it was being imported");
            }
            long key = (CorpusLayout.key(h, bits) ^ 0x80000000) & 0xFFFFFFFFL;
            slots.putLong(slot, key << 32 | Math.min(count, 0xFFFFFFFFL));
        }, progress::advance);
        for (int b = 0; b < next.length; b++) {
            if (next[b] != starts[b + 1]) {
                throw new CorpusException("the input changed while it was being imported");
            }
        }
    }

    /** Bucket sizes after merging, and how many counts need the overflow table. */
    private record Merged(int[] sizes, long entries, long overflow) {
    }

    /** Sorts each bucket in place and merges equal keys (their counts add up). */
    private static Merged sortAndMerge(MappedRegion slots, long[] starts, Progress progress) {
        int buckets = starts.length - 1;
        int[] sizes = new int[buckets];
        long entries = 0;
        long overflow = 0;
        long[] work = new long[64];
        progress.phase("sorting (3/4)", buckets);
        for (int b = 0; b < buckets; b++) {
            int size = (int) (starts[b + 1] - starts[b]);
            if (work.length < size) {
                work = new long[Math.max(size, work.length * 2)];
            }
            for (int i = 0; i < size; i++) {
                work[i] = slots.getLong(starts[b] + i);
            }
            Arrays.sort(work, 0, size);
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (kept > 0 && (work[kept - 1] >>> 32) == (work[i] >>> 32)) {
                    long sum = Math.min((work[kept - 1] & 0xFFFFFFFFL) + (work[i] & 0xFFFFFFFFL), 0xFFFFFFFFL);
                    work[kept - 1] = (work[kept - 1] & 0xFFFFFFFF00000000L) | sum;
                } else {
                    work[kept++] = work[i];
                }
            }
            for (int i = 0; i < kept; i++) {
                slots.putLong(starts[b] + i, work[i]);
                if ((work[i] & 0xFFFFFFFFL) >= CorpusLayout.COUNT_OVERFLOW) {
                    overflow++;
                }
            }
            sizes[b] = kept;
            entries += kept;
            progressEvery(progress, b);
        }
        progress.advance(buckets);
        return new Merged(sizes, entries, overflow);
    }

    private static Summary write(MappedRegion slots, long[] starts, Merged merged, int bits, long hashes,
            Path partial, Progress progress) throws IOException {
        int[] sizes = merged.sizes();
        progress.phase("writing (4/4)", 3L * sizes.length);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream raw = Channels.newOutputStream(channel);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
            out.write(new CorpusLayout.Header(bits, merged.entries(), merged.overflow(), System.currentTimeMillis())
                    .encode().array());
            long first = 0;
            for (int size : sizes) {
                out.writeInt((int) first);
                first += size;
            }
            out.writeInt((int) first);
            for (int b = 0; b < sizes.length; b++) {
                for (int i = 0; i < sizes[b]; i++) {
                    out.writeInt((int) (slots.getLong(starts[b] + i) >>> 32) ^ 0x80000000);
                }
                progressEvery(progress, b);
            }
            for (int b = 0; b < sizes.length; b++) {
                for (int i = 0; i < sizes[b]; i++) {
                    out.writeShort((int) Math.min(count(slots, starts[b] + i), CorpusLayout.COUNT_OVERFLOW));
                }
                progressEvery(progress, sizes.length + b);
            }
            long entry = 0;
            for (int b = 0; b < sizes.length; b++) {
                for (int i = 0; i < sizes[b]; i++, entry++) {
                    long count = count(slots, starts[b] + i);
                    if (count >= CorpusLayout.COUNT_OVERFLOW) {
                        out.writeInt((int) entry);
                        out.writeLong(count);
                    }
                }
                progressEvery(progress, 2L * sizes.length + b);
            }
            out.flush();
            channel.force(true);
        }
        progress.advance(3L * sizes.length);
        return new Summary(hashes, merged.entries(), merged.overflow(), bits, Files.size(partial));
    }

    private static long count(MappedRegion slots, long slot) {
        return slots.getLong(slot) & 0xFFFFFFFFL;
    }

    private static void progressEvery(Progress progress, long done) {
        if ((done & 0xFFF) == 0) {
            progress.advance(done);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file in the data directory; the next import overwrites nothing of it
            }
        }
    }
}
