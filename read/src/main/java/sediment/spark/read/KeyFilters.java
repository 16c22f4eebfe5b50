package sediment.spark.read;

import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringStartsWith;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * Decides from Spark's pushed filters whether a file's {@link KeyBox} may hold a matching row. It
 * answers "no" only when the filters on row-key fields exclude every key in the box, so a file is never
 * dropped that holds a matching row: anything it cannot judge (a non-key column, {@code NOT}, a value of
 * another type, {@code IS NULL}) counts as "may match". Comparisons use core's key ordering, so a
 * string bound compares as the table's own order does.
 */
final class KeyFilters {
    private final List<String> keyNames;
    private final List<PrimitiveType> keyTypes;

    KeyFilters(Schema schema) {
        this.keyNames = schema.rowKeyFieldNames();
        this.keyTypes = schema.rowKeyTypes();
    }

    /** True if any of the filters refers to a row-key field, so that it may prune. */
    boolean onKeys(Filter filter) {
        return Arrays.stream(filter.references()).anyMatch(keyNames::contains);
    }

    /** Whether a row in the box may pass all of the filters (which Spark combines with AND). */
    boolean mayMatch(Filter[] filters, KeyBox box) {
        for (Filter f : filters) {
            if (!mayMatch(f, box)) {
                return false;
            }
        }
        return true;
    }

    boolean mayMatch(Filter f, KeyBox box) {
        if (f instanceof And and) {
            return mayMatch(and.left(), box) && mayMatch(and.right(), box);
        }
        if (f instanceof Or or) {
            return mayMatch(or.left(), box) || mayMatch(or.right(), box);
        }
        if (f instanceof AlwaysFalse) {
            return false;
        }
        if (f instanceof EqualTo eq) {
            return compare(eq.attribute(), eq.value(), (d, v) -> box.mayEqual(d, v));
        }
        if (f instanceof EqualNullSafe eq) {
            // <=> with a non-null value is =; with null it asks for null keys, which this box says nothing about
            return eq.value() == null || compare(eq.attribute(), eq.value(), (d, v) -> box.mayEqual(d, v));
        }
        if (f instanceof GreaterThan gt) {
            return compare(gt.attribute(), gt.value(), (d, v) -> box.mayBeAbove(d, v, false));
        }
        if (f instanceof GreaterThanOrEqual ge) {
            return compare(ge.attribute(), ge.value(), (d, v) -> box.mayBeAbove(d, v, true));
        }
        if (f instanceof LessThan lt) {
            return compare(lt.attribute(), lt.value(), (d, v) -> box.mayBeBelow(d, v, false));
        }
        if (f instanceof LessThanOrEqual le) {
            return compare(le.attribute(), le.value(), (d, v) -> box.mayBeBelow(d, v, true));
        }
        if (f instanceof In in) {
            int d = keyNames.indexOf(in.attribute());
            if (d < 0) {
                return true;
            }
            for (Object value : in.values()) {
                if (value == null) {
                    continue; // x IN (null) is never true
                }
                Object v = keyValue(keyTypes.get(d), value);
                if (v == null || box.mayEqual(d, v)) {
                    return true;
                }
            }
            return false;
        }
        if (f instanceof StringStartsWith sw) {
            int d = keyNames.indexOf(sw.attribute());
            return d < 0 || keyTypes.get(d) != PrimitiveType.STRING || box.mayStartWith(d, sw.value());
        }
        return true;
    }

    private interface Test {
        boolean test(int dimension, Object value);
    }

    private boolean compare(String attribute, Object value, Test test) {
        int d = keyNames.indexOf(attribute);
        if (d < 0 || value == null) {
            return true; // not a row key, or a comparison with null (never true; Spark folds those away anyway)
        }
        Object v = keyValue(keyTypes.get(d), value);
        return v == null || test.test(d, v);
    }

    /**
     * A filter's value as core's value of the key type, or null when it is not exactly one (then the filter
     * cannot prune). Spark gives filters on a column in the column's type, so this is the usual case.
     */
    static Object keyValue(PrimitiveType type, Object value) {
        return switch (type) {
            case INT -> value instanceof Integer ? value
                    : value instanceof Number n && isIntegral(n) && n.longValue() == n.intValue() ? n.intValue() : null;
            case LONG -> value instanceof Long ? value : value instanceof Number n && isIntegral(n) ? n.longValue() : null;
            case STRING -> value instanceof String ? value : null;
            case BYTE_ARRAY -> value instanceof byte[] ? value : null;
            default -> null;
        };
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }
}
