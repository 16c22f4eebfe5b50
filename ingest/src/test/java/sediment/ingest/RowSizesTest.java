package sediment.ingest;

import org.junit.jupiter.api.Test;
import sediment.core.row.Row;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch bound is only as good as the estimate: it must not fall below what the rows really take on
 * the heap (or a batch could outgrow the memory it was given), nor far above it (or batches spill too
 * soon). Measured against the heap the rows keep after a collection, which also counts a little of the
 * collector's own slack: hence the 10% allowed below.
 */
class RowSizesTest {
    private static final int ROWS = 200_000;

    @Test
    void estimatesTheHeapOfRowsOfTheBenchmarksShape() {
        // A long key, a long, a 12-character string and a double, as Parquet decoding produces them.
        assertEstimateNearAllocation(i -> Row.ofTrusted(new Object[]{(long) i << 20, i * 31L, "s-" + (1_000_000_000L + i),
                i * 0.5}));
    }

    @Test
    void estimatesStringsOutsideLatin1AndLongStringsAndBytes() {
        assertEstimateNearAllocation(i -> Row.ofTrusted(new Object[]{(long) i << 20, "ж" + "x".repeat(i % 300),
                new byte[i % 100]}));
    }

    @Test
    void estimatesListsAndMaps() {
        assertEstimateNearAllocation(i -> {
            List<Object> list = new ArrayList<>(List.of("a" + i, "b" + i, (long) i << 20));
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int k = 0; k < i % 7; k++) {
                map.put("k" + k + "-" + i, (long) (k + 1) << 20);
            }
            return Row.ofTrusted(new Object[]{(long) i << 20, list, map});
        });
    }

    private static void assertEstimateNearAllocation(IntFunction<Row> row) {
        Row[] rows = new Row[ROWS];
        long before = usedAfterCollection();
        for (int i = 0; i < ROWS; i++) {
            rows[i] = row.apply(i);
        }
        long retained = usedAfterCollection() - before;
        long estimated = Arrays.stream(rows).mapToLong(RowSizes::estimate).sum();

        assertThat((double) estimated / retained).as("estimate %,d bytes for %,d retained", estimated, retained)
                .isBetween(0.9, 1.5);
        Reference.reachabilityFence(rows);
    }

    private static long usedAfterCollection() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // A few collections, keeping the least: one may leave garbage another would have taken.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
