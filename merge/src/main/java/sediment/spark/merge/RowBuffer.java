package sediment.spark.merge;

import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import sediment.spark.internal.RowBytes;

import java.util.Arrays;

/**
 * Holds the rows of one destination compactly, outside the Java heap, each group's rows in chunks
 * of their own: row bytes are copied into the group's current chunk, and each row's address and
 * size kept in two primitive arrays, so there are no per-row objects and the garbage collector
 * never copies row data. Because a group's rows sit together in arrival order, writing groups one
 * after another reads memory almost sequentially. Chunks grow from 8 KB to 1 MB per group and are
 * cut from 16 MB blocks. {@link #free()} must be called.
 */
final class RowBuffer implements AutoCloseable {
    private static final int FIRST_CHUNK = 8 << 10;
    private static final int MAX_CHUNK = 1 << 20;
    private static final long BLOCK = 16L << 20;

    private long[] blocks = new long[16];
    private int blockCount;
    private long blockUsed = BLOCK;
    private long[] chunkAddress = new long[16];
    private int[] chunkSize = new int[16];
    private int[] chunkUsed = new int[16];
    private long[] addresses = new long[1024];
    private int[] sizes = new int[1024];
    private int count;
    private long bytes;
    private long reserved;

    /** Appends a row to its group's chunks; returns the row's number. */
    int add(UnsafeRow row, int group) {
        if (group >= chunkAddress.length) {
            int n = Math.max(group + 1, chunkAddress.length * 2);
            chunkAddress = Arrays.copyOf(chunkAddress, n);
            chunkSize = Arrays.copyOf(chunkSize, n);
            chunkUsed = Arrays.copyOf(chunkUsed, n);
        }
        int size = row.getSizeInBytes();
        if (chunkAddress[group] == 0 || chunkUsed[group] + size > chunkSize[group]) {
            int next = Math.max(size, chunkAddress[group] == 0 ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunkSize[group] * 2));
            chunkAddress[group] = carve(next);
            chunkSize[group] = next;
            chunkUsed[group] = 0;
        }
        long address = chunkAddress[group] + chunkUsed[group];
        RowBytes.copy(row, address);
        chunkUsed[group] += size;
        if (count == addresses.length) {
            addresses = Arrays.copyOf(addresses, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        addresses[count] = address;
        sizes[count] = size;
        bytes += size;
        return count++;
    }

    private long carve(int size) {
        if (blockUsed + size > BLOCK || blockCount == 0) {
            long blockSize = Math.max(BLOCK, size);
            if (blockCount == blocks.length) {
                blocks = Arrays.copyOf(blocks, blockCount * 2);
            }
            blocks[blockCount++] = RowBytes.allocate(blockSize);
            reserved += blockSize;
            blockUsed = blockSize == BLOCK ? 0 : BLOCK;
            if (blockSize != BLOCK) {
                return blocks[blockCount - 1];
            }
        }
        long address = blocks[blockCount - 1] + blockUsed;
        blockUsed += size;
        return address;
    }

    /** Points {@code row} at the stored bytes of row {@code index}; valid until {@link #free()}. */
    void pointTo(int index, UnsafeRow row) {
        RowBytes.pointTo(row, addresses[index], sizes[index]);
    }

    int size() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Native memory held, for messages. */
    long reserved() {
        return reserved;
    }

    void free() {
        for (int i = 0; i < blockCount; i++) {
            RowBytes.free(blocks[i]);
        }
        blockCount = 0;
    }

    @Override
    public void close() {
        free();
    }
}
