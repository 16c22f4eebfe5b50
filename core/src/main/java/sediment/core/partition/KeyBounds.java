package sediment.core.partition;

import sediment.core.key.KeyOrdering;
import sediment.core.schema.PrimitiveType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Bounds that every row key of some rows lies within, one row-key field at a time: the smallest and largest
 * value of each field, both inclusive, or null where a bound is not known (so unbounded). Used to find the
 * leaves a job's rows can reach without reading the rows ({@link PartitionTree#leafIndexesWithin}).
 */
public record KeyBounds(List<Object> min, List<Object> max) {
    public KeyBounds {
        if (min.size() != max.size()) {
            throw new IllegalArgumentException("bounds for " + min.size() + " and " + max.size() + " fields");
        }
        min = Collections.unmodifiableList(new ArrayList<>(min));
        max = Collections.unmodifiableList(new ArrayList<>(max));
    }

    /** Nothing known: every key is within. */
    public static KeyBounds unknown(int fields) {
        Object[] none = new Object[fields];
        return new KeyBounds(Arrays.asList(none), Arrays.asList(none));
    }

    public int fields() {
        return min.size();
    }

    /** Whether no bound is known at all. */
    public boolean isUnknown() {
        return min.stream().allMatch(v -> v == null) && max.stream().allMatch(v -> v == null);
    }

    /** Bounds holding the keys of both: the smaller minimum and larger maximum of each field; unknown stays unknown. */
    public KeyBounds union(KeyBounds other, List<PrimitiveType> types) {
        List<Object> lo = new ArrayList<>(fields());
        List<Object> hi = new ArrayList<>(fields());
        for (int d = 0; d < fields(); d++) {
            Object a = min.get(d);
            Object b = other.min.get(d);
            lo.add(a == null || b == null ? null : KeyOrdering.compare(types.get(d), a, b) <= 0 ? a : b);
            Object x = max.get(d);
            Object y = other.max.get(d);
            hi.add(x == null || y == null ? null : KeyOrdering.compare(types.get(d), x, y) >= 0 ? x : y);
        }
        return new KeyBounds(lo, hi);
    }
}
