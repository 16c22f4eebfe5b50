package sediment.spark.read;

import sediment.core.key.KeyOrdering;
import sediment.core.partition.Partition;
import sediment.core.partition.Range;
import sediment.core.schema.PrimitiveType;
import sediment.core.table.FileReference;

import java.util.ArrayList;
import java.util.List;

/**
 * The row keys a data file can hold, field by field, as far as the log tells without opening it: its
 * partition's region (min inclusive, max exclusive) narrowed by the file's min and max row key. Keys
 * order field by field, so the min and max bound the first field, and each further field only while
 * every field before it is equal in both.
 */
final class KeyBox {
    /** A bound of one field: null value for unbounded. */
    record Bound(Object value, boolean inclusive) {
        static final Bound NONE = new Bound(null, false);

        boolean unbounded() {
            return value == null;
        }
    }

    private final List<PrimitiveType> types;
    private final List<Bound> lower;
    private final List<Bound> upper;

    private KeyBox(List<PrimitiveType> types, List<Bound> lower, List<Bound> upper) {
        this.types = types;
        this.lower = lower;
        this.upper = upper;
    }

    static KeyBox of(List<PrimitiveType> types, Partition partition, FileReference file) {
        List<Bound> lower = new ArrayList<>();
        List<Bound> upper = new ArrayList<>();
        for (int d = 0; d < types.size(); d++) {
            Range r = partition.region().get(d);
            lower.add(r.min() == null ? Bound.NONE : new Bound(r.min(), true));
            upper.add(r.max() == null ? Bound.NONE : new Bound(r.max(), false));
        }
        List<Object> min = file.minRowKey();
        List<Object> max = file.maxRowKey();
        if (min != null && max != null && min.size() == types.size() && max.size() == types.size()) {
            for (int d = 0; d < types.size(); d++) {
                Object lo = min.get(d);
                Object hi = max.get(d);
                if (lo == null || hi == null) {
                    break; // a null key value (nullable keys) has no place in the ordering here: stop narrowing
                }
                PrimitiveType type = types.get(d);
                lower.set(d, tighterLower(type, lower.get(d), new Bound(lo, true)));
                upper.set(d, tighterUpper(type, upper.get(d), new Bound(hi, true)));
                if (KeyOrdering.compare(type, lo, hi) != 0) {
                    break;
                }
            }
        }
        return new KeyBox(List.copyOf(types), lower, upper);
    }

    private static Bound tighterLower(PrimitiveType type, Bound a, Bound b) {
        if (a.unbounded()) {
            return b;
        }
        int c = KeyOrdering.compare(type, a.value(), b.value());
        return c > 0 || (c == 0 && !a.inclusive()) ? a : b;
    }

    private static Bound tighterUpper(PrimitiveType type, Bound a, Bound b) {
        if (a.unbounded()) {
            return b;
        }
        int c = KeyOrdering.compare(type, a.value(), b.value());
        return c < 0 || (c == 0 && !a.inclusive()) ? a : b;
    }

    /** Whether some key in the box could have {@code value} in field {@code d}. */
    boolean mayEqual(int d, Object value) {
        return mayBeAbove(d, value, true) && mayBeBelow(d, value, true);
    }

    /** Whether some key in the box could have field {@code d} above {@code value} (or equal to it, if {@code orEqual}). */
    boolean mayBeAbove(int d, Object value, boolean orEqual) {
        Bound u = upper.get(d);
        if (u.unbounded()) {
            return true;
        }
        int c = KeyOrdering.compare(types.get(d), u.value(), value);
        return c > 0 || (c == 0 && orEqual && u.inclusive());
    }

    /** Whether some key in the box could have field {@code d} below {@code value} (or equal to it, if {@code orEqual}). */
    boolean mayBeBelow(int d, Object value, boolean orEqual) {
        Bound l = lower.get(d);
        if (l.unbounded()) {
            return true;
        }
        int c = KeyOrdering.compare(types.get(d), l.value(), value);
        return c < 0 || (c == 0 && orEqual && l.inclusive());
    }

    /** Whether some string key in the box could start with {@code prefix} in field {@code d}. */
    boolean mayStartWith(int d, String prefix) {
        // The strings starting with a prefix are those from the prefix up to the first string above it that does
        // not start with it, in code point order; the box must reach into that interval.
        if (!mayBeAbove(d, prefix, true)) {
            return false;
        }
        Bound l = lower.get(d);
        return l.unbounded() || ((String) l.value()).startsWith(prefix)
                || KeyOrdering.compare(types.get(d), l.value(), prefix) <= 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < types.size(); d++) {
            Bound l = lower.get(d);
            Bound u = upper.get(d);
            sb.append(d == 0 ? "" : " ").append(l.unbounded() ? "(-inf" : (l.inclusive() ? "[" : "(") + l.value())
                    .append(", ").append(u.unbounded() ? "+inf)" : u.value() + (u.inclusive() ? "]" : ")"));
        }
        return sb.toString();
    }
}
