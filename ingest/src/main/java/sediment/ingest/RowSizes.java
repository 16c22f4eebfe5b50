package sediment.ingest;

import sediment.core.row.Row;

import java.util.List;
import java.util.Map;

/**
 * An estimate of the heap a row takes, so that a batch is bounded in bytes as well as rows: wide rows
 * (long strings, big lists) then spill sooner. It follows HotSpot's object layout (16-byte headers for
 * arrays, boxes and strings, 8-byte alignment) with 8-byte references, so it errs high by a few bytes a
 * value where references are compressed; RowSizesTest holds it to what building the rows allocates.
 */
final class RowSizes {
    /**
     * What the batch itself keeps per row besides the row: its slots in the row and leaf arrays, and the
     * sort's position and prefix arrays and their scratch copies (BatchSorter).
     */
    static final long BATCH_BOOKKEEPING = 8 + 4 + 2 * (4 + 8);

    private RowSizes() {
    }

    static long estimate(Row row) {
        // The row object and its value array.
        long bytes = 16 + align(16 + 8L * row.size());
        for (int i = 0; i < row.size(); i++) {
            bytes += estimate(row.get(i));
        }
        return bytes;
    }

    private static long estimate(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof String s) {
            return 24 + align(16 + (isLatin1(s) ? s.length() : 2L * s.length()));
        }
        if (v instanceof byte[] b) {
            return align(16 + b.length);
        }
        if (v instanceof List<?> l) {
            long n = 24 + align(16 + 8L * l.size());
            for (Object e : l) {
                n += estimate(e);
            }
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            // A LinkedHashMap: the map, its table (a power of two at 3/4 load) and an entry per key.
            long table = Integer.highestOneBit(Math.max(1, (int) (m.size() / 0.75f)) * 2 - 1);
            long n = 56 + align(16 + 8 * Math.max(16, table)) + 40L * m.size();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += estimate(e.getKey()) + estimate(e.getValue());
            }
            return n;
        }
        // Integer, Long, Double, Float, Boolean: a 16-byte box.
        return 16;
    }

    /** Java stores a string one byte a character when every character fits in one. */
    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
