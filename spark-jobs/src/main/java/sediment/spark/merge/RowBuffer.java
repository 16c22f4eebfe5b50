package sediment.spark.merge;

import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds the rows of one destination compactly: each row's bytes copied into large pages, plus its
 * page and offset in one long and its size in one int, so the per-row overhead is 12 bytes and
 * there are no per-row objects for the garbage collector.
 */
final class RowBuffer {
    private static final int PAGE_SIZE = 4 << 20;

    private final List<byte[]> pages = new ArrayList<>();
    private byte[] page;
    private int pageUsed;
    private long[] addresses = new long[1024];
    private int[] sizes = new int[1024];
    private int count;
    private long bytes;

    int add(UnsafeRow row) {
        int size = row.getSizeInBytes();
        if (page == null || pageUsed + size > page.length) {
            page = new byte[Math.max(PAGE_SIZE, size)];
            pages.add(page);
            pageUsed = 0;
        }
        Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), page, Platform.BYTE_ARRAY_OFFSET + pageUsed, size);
        if (count == addresses.length) {
            addresses = Arrays.copyOf(addresses, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        addresses[count] = ((long) (pages.size() - 1) << 32) | pageUsed;
        sizes[count] = size;
        pageUsed += size;
        bytes += size;
        return count++;
    }

    /** Points {@code row} at the stored bytes of row {@code index}; valid until the buffer is dropped. */
    void pointTo(int index, UnsafeRow row) {
        long address = addresses[index];
        row.pointTo(pages.get((int) (address >>> 32)), Platform.BYTE_ARRAY_OFFSET + (int) address, sizes[index]);
    }

    int size() {
        return count;
    }

    long bytes() {
        return bytes;
    }
}
