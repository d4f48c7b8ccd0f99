package dev.portcullis.policy.breached;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only or read-write memory map of a file region of any size, as chunks of at most 1 GiB
 * (one {@link MappedByteBuffer} cannot exceed 2 GiB). Elements never straddle chunks.
 */
final class MappedRegion {

    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;

    private final MappedByteBuffer[] chunks;

    MappedRegion(FileChannel channel, FileChannel.MapMode mode, long offset, long length) throws IOException {
        int count = (int) ((length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        chunks = new MappedByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long start = (long) i * CHUNK_BYTES;
            chunks[i] = channel.map(mode, offset + start, Math.min(CHUNK_BYTES, length - start));
        }
    }

    int getInt(long index) {
        long at = index * Integer.BYTES;
        return chunks[(int) (at >>> CHUNK_SHIFT)].getInt((int) (at & (CHUNK_BYTES - 1)));
    }

    int getUnsignedShort(long index) {
        long at = index * Short.BYTES;
        return chunks[(int) (at >>> CHUNK_SHIFT)].getShort((int) (at & (CHUNK_BYTES - 1))) & 0xFFFF;
    }

    long getLongAtByte(long at) {
        return chunks[(int) (at >>> CHUNK_SHIFT)].getLong((int) (at & (CHUNK_BYTES - 1)));
    }

    int getIntAtByte(long at) {
        return chunks[(int) (at >>> CHUNK_SHIFT)].getInt((int) (at & (CHUNK_BYTES - 1)));
    }

    long getLong(long index) {
        return getLongAtByte(index * Long.BYTES);
    }

    void putLong(long index, long value) {
        long at = index * Long.BYTES;
        chunks[(int) (at >>> CHUNK_SHIFT)].putLong((int) (at & (CHUNK_BYTES - 1)), value);
    }
}
