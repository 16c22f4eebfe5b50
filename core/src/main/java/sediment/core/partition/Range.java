package sediment.core.partition;

import sediment.core.key.KeyOrdering;
import sediment.core.schema.PrimitiveType;

/**
 * The values of one row-key field that a partition covers: min inclusive, max exclusive, and null
 * for unbounded at either end.
 */
public record Range(Object min, Object max) implements java.io.Serializable {

    public static final Range UNBOUNDED = new Range(null, null);

    public boolean contains(PrimitiveType type, Object value) {
        return (min == null || KeyOrdering.compare(type, min, value) <= 0)
                && (max == null || KeyOrdering.compare(type, value, max) < 0);
    }

    /**
     * True when the value lies strictly inside, so splitting here leaves both halves non-empty. An
     * unbounded min behaves as the type's smallest value, which is therefore not a valid split point.
     */
    public boolean canSplitAt(PrimitiveType type, Object value) {
        return (min == null ? !KeyOrdering.isMinimum(type, value) : KeyOrdering.compare(type, min, value) < 0)
                && (max == null || KeyOrdering.compare(type, value, max) < 0);
    }
}
