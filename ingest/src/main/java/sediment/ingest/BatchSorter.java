package sediment.ingest;

import sediment.core.row.Row;
import sediment.core.schema.PrimitiveType;

import java.util.function.IntFunction;

/**
 * Puts a batch's rows in the order of the table's files: by leaf, then by {@link RowOrder} (the one key
 * ordering of {@link sediment.core.key.KeyOrdering}). Comparing row objects through the general
 * comparator was most of the ingest's time, so rows are first bucketed by leaf (a counting sort), then
 * each leaf's rows are sorted by a 64-bit prefix of their first key field held in a primitive array;
 * only rows whose prefixes tie are compared with {@link RowOrder}. The prefix never contradicts the
 * ordering: {@code prefix(a) < prefix(b)} implies {@code a < b} (BatchSorterPropertyTest checks it), and
 * for int and long keys it is the value itself.
 */
final class BatchSorter {
    private static final int INSERTION_SORT_MAX = 24;

    private final RowOrder order;
    final PrimitiveType firstKey;
    /** Whether equal prefixes mean equal rows in the order: a long, int, timestamp or date key that is the only key field. */
    private final boolean prefixDecides;

    BatchSorter(RowOrder order, PrimitiveType firstKey, int keyFieldCount) {
        this.order = order;
        this.firstKey = firstKey;
        this.prefixDecides = keyFieldCount == 1 && (firstKey == PrimitiveType.LONG || firstKey == PrimitiveType.INT
                || firstKey == PrimitiveType.TIMESTAMP || firstKey == PrimitiveType.DATE);
    }

    /**
     * The positions of the first {@code n} rows in order: by {@code leaves[i]}, then by key. Rows equal in
     * the order may come in any order.
     */
    int[] sort(Row[] rows, int[] leaves, int n, int leafCount) {
        long[] prefixes = new long[n];
        for (int i = 0; i < n; i++) {
            prefixes[i] = prefix(firstKey, rows[i].get(0));
        }
        return sort(prefixes, leaves, n, leafCount, i -> rows[i]);
    }

    /**
     * The same for rows known by their first key's {@link #prefix} and leaf; {@code rowAt} gives a row
     * (decoded, say) when prefixes tie and the full order must decide.
     */
    int[] sort(long[] prefixes, int[] leaves, int n, int leafCount, IntFunction<Row> rowAt) {
        int[] starts = new int[leafCount + 1];
        for (int i = 0; i < n; i++) {
            starts[leaves[i] + 1]++;
        }
        for (int l = 0; l < leafCount; l++) {
            starts[l + 1] += starts[l];
        }
        int[] positions = new int[n];
        long[] keys = new long[n];
        int[] next = starts.clone();
        for (int i = 0; i < n; i++) {
            int at = next[leaves[i]]++;
            positions[at] = i;
            keys[at] = prefixes[i];
        }
        long[] keyScratch = new long[n];
        int[] positionScratch = new int[n];
        for (int l = 0; l < leafCount; l++) {
            int from = starts[l];
            int to = starts[l + 1];
            if (to - from > 1) {
                mergeSort(keys, positions, from, to, keyScratch, positionScratch);
                if (!prefixDecides) {
                    breakTies(rowAt, keys, positions, from, to);
                }
            }
        }
        return positions;
    }

    /** Orders each run of equal prefixes by the full key order, each of its rows fetched once. */
    private void breakTies(IntFunction<Row> rowAt, long[] keys, int[] positions, int from, int to) {
        int start = from;
        while (start < to) {
            int end = start + 1;
            while (end < to && keys[end] == keys[start]) {
                end++;
            }
            if (end - start > 1) {
                Integer[] group = new Integer[end - start];
                Row[] rows = new Row[end - start];
                for (int i = start; i < end; i++) {
                    group[i - start] = i - start;
                    rows[i - start] = rowAt.apply(positions[i]);
                }
                java.util.Arrays.sort(group, (a, b) -> order.compare(rows[a], rows[b]));
                int[] sortedPositions = new int[group.length];
                for (int i = 0; i < group.length; i++) {
                    sortedPositions[i] = positions[start + group[i]];
                }
                System.arraycopy(sortedPositions, 0, positions, start, group.length);
            }
            start = end;
        }
    }

    /**
     * A stable merge sort of {@code keys[from, to)}, moving {@code positions} alongside. Input that
     * arrives already in order (sorted source files) costs one comparison per row.
     */
    private static void mergeSort(long[] keys, int[] positions, int from, int to, long[] keyScratch, int[] positionScratch) {
        if (to - from <= INSERTION_SORT_MAX) {
            for (int i = from + 1; i < to; i++) {
                long k = keys[i];
                int p = positions[i];
                int j = i - 1;
                while (j >= from && keys[j] > k) {
                    keys[j + 1] = keys[j];
                    positions[j + 1] = positions[j];
                    j--;
                }
                keys[j + 1] = k;
                positions[j + 1] = p;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(keys, positions, from, mid, keyScratch, positionScratch);
        mergeSort(keys, positions, mid, to, keyScratch, positionScratch);
        if (keys[mid - 1] <= keys[mid]) {
            return;
        }
        System.arraycopy(keys, from, keyScratch, from, mid - from);
        System.arraycopy(positions, from, positionScratch, from, mid - from);
        int left = from;
        int right = mid;
        int out = from;
        while (left < mid && right < to) {
            if (keys[right] < keyScratch[left]) {
                keys[out] = keys[right];
                positions[out++] = positions[right++];
            } else {
                keys[out] = keyScratch[left];
                positions[out++] = positionScratch[left++];
            }
        }
        while (left < mid) {
            keys[out] = keyScratch[left];
            positions[out++] = positionScratch[left++];
        }
    }

    /**
     * A signed 64-bit number whose order never contradicts the key ordering of one key type: ints and longs
     * are themselves, timestamps their microseconds and dates their days since the epoch; strings are their first four UTF-16 units up to the first at or above U+D800 (where UTF-16 order
     * stops being code point order), which counts as U+D800 and ends the prefix; byte arrays
     * their first eight bytes, unsigned. Missing units or bytes count as zero, so a shorter value never
     * gets a greater prefix; the sign bit is flipped so that the unsigned order becomes signed.
     */
    static long prefix(PrimitiveType type, Object value) {
        return switch (type) {
            case LONG -> (Long) value;
            case INT -> (Integer) value;
            case STRING -> stringPrefix((String) value);
            case BYTE_ARRAY -> bytesPrefix((byte[]) value);
            // Whole microseconds and days, ordered as the instants and dates are.
            case TIMESTAMP -> sediment.core.schema.TypedValues.micros((java.time.Instant) value);
            case DATE -> sediment.core.schema.TypedValues.days((java.time.LocalDate) value);
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    private static long stringPrefix(String s) {
        long p = 0;
        int n = Math.min(4, s.length());
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0xD800) {
                // Above here UTF-16 order and code point order part; leave the rest to the full comparison.
                p |= 0xD800L << (48 - 16 * i);
                break;
            }
            p |= (long) c << (48 - 16 * i);
        }
        return p ^ Long.MIN_VALUE;
    }

    private static long bytesPrefix(byte[] b) {
        long p = 0;
        int n = Math.min(8, b.length);
        for (int i = 0; i < n; i++) {
            p |= (long) (b[i] & 0xFF) << (56 - 8 * i);
        }
        return p ^ Long.MIN_VALUE;
    }
}
