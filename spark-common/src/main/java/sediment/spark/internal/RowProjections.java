package sediment.spark.internal;

import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.InterpretedOrdering;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Catalyst's projections and orderings of internal rows, as tasks use them on rows they hold:
 * some columns copied into a compact row, and rows compared as {@code ORDER BY ... ASC NULLS FIRST}
 * compares them. These are Catalyst's expression classes, created only here.
 */
public final class RowProjections {
    private RowProjections() {
    }

    /** The whole row as an UnsafeRow (the same one returned again for the next row). */
    public static UnsafeProjection toUnsafe(StructType schema) {
        try {
            return UnsafeProjection.create(schema);
        } catch (LinkageError e) {
            throw SparkVersion.unavailable("UnsafeProjection.create", e);
        }
    }

    /** These ordinals of a row with this schema, in this order, as an UnsafeRow. */
    public static UnsafeProjection columns(StructType schema, int... ordinals) {
        List<Expression> refs = new ArrayList<>();
        for (int o : ordinals) {
            refs.add(new BoundReference(o, schema.fields()[o].dataType(), true));
        }
        return project(refs);
    }

    /** One column, of this type, as a one-column UnsafeRow. */
    public static UnsafeProjection column(int ordinal, DataType type) {
        return project(List.of(new BoundReference(ordinal, type, true)));
    }

    private static UnsafeProjection project(List<Expression> refs) {
        try {
            return UnsafeProjection.create(Scala.seq(refs));
        } catch (LinkageError e) {
            throw SparkVersion.unavailable("UnsafeProjection.create", e);
        }
    }

    /** The first {@code count} columns. */
    public static UnsafeProjection leading(StructType schema, int count) {
        int[] ordinals = new int[count];
        for (int i = 0; i < count; i++) {
            ordinals[i] = i;
        }
        return columns(schema, ordinals);
    }

    /** Spark's ascending, nulls-first ordering of rows with columns of these types. */
    public static InterpretedOrdering ordering(List<DataType> types) {
        try {
            return InterpretedOrdering.forSchema(Scala.seq(types));
        } catch (LinkageError e) {
            throw SparkVersion.unavailable("InterpretedOrdering.forSchema", e);
        }
    }
}
