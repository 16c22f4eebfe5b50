package sediment.ingest;

import sediment.core.row.Row;

import java.util.List;
import java.util.Map;

/**
 * A rough estimate of the heap a row takes, so that a batch is bounded in bytes as well as rows: wide
 * rows (long strings, big lists) then spill sooner. It errs high; it only needs to be in proportion.
 */
final class RowSizes {
    private RowSizes() {
    }

    static long estimate(Row row) {
        long bytes = 16 + 8L * row.size();
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
            return 48 + s.length();
        }
        if (v instanceof byte[] b) {
            return 16 + b.length;
        }
        if (v instanceof java.math.BigDecimal d) {
            return 72 + d.unscaledValue().bitLength() / 8;
        }
        if (v instanceof java.time.Instant || v instanceof java.time.LocalDate) {
            return 24;
        }
        if (v instanceof List<?> l) {
            long n = 40 + 8L * l.size();
            for (Object e : l) {
                n += estimate(e);
            }
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            long n = 64 + 48L * m.size();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += estimate(e.getKey()) + estimate(e.getValue());
            }
            return n;
        }
        return 16;
    }
}
