package sediment.spark.merge;

import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds the rows of one destination compactly, each group's rows in pages of their own: row bytes
 * are copied into the group's current page, and each row's page and offset kept in one long and its
 * size in one int, so there are no per-row objects. Because a group's rows sit together in arrival
 * order, writing groups one after another reads memory almost sequentially. A group's pages grow
 * from 8 KB to 1 MB, so small groups waste little.
 */
final class RowBuffer {
    private static final int FIRST_PAGE = 8 << 10;
    private static final int MAX_PAGE = 1 << 20;

    private final List<byte[]> pages = new ArrayList<>();
    private int[] groupPage = filled(16);
    private int[] groupUsed = new int[16];
    private long[] addresses = new long[1024];
    private int[] sizes = new int[1024];
    private int count;
    private long bytes;

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** Appends a row to its group's pages; returns the row's number. */
    int add(UnsafeRow row, int group) {
        if (group >= groupPage.length) {
            int n = Math.max(group + 1, groupPage.length * 2);
            int old = groupPage.length;
            groupPage = Arrays.copyOf(groupPage, n);
            Arrays.fill(groupPage, old, n, -1);
            groupUsed = Arrays.copyOf(groupUsed, n);
        }
        int size = row.getSizeInBytes();
        int p = groupPage[group];
        if (p < 0 || groupUsed[group] + size > pages.get(p).length) {
            int next = p < 0 ? FIRST_PAGE : Math.min(MAX_PAGE, pages.get(p).length * 2);
            pages.add(new byte[Math.max(next, size)]);
            p = pages.size() - 1;
            groupPage[group] = p;
            groupUsed[group] = 0;
        }
        int offset = groupUsed[group];
        Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), pages.get(p), Platform.BYTE_ARRAY_OFFSET + offset, size);
        groupUsed[group] = offset + size;
        if (count == addresses.length) {
            addresses = Arrays.copyOf(addresses, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        addresses[count] = ((long) p << 32) | offset;
        sizes[count] = size;
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
