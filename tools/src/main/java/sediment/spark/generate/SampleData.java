package sediment.spark.generate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.schema.Field;
import sediment.core.schema.DecimalType;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.spark.SparkSchemas;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;

/**
 * Random rows for any table schema, for the quick start and benchmarks. The first row key is
 * uniform in [0, keyMax) for numbers (a zero-padded decimal for strings), so split points at even
 * fractions of keyMax give leaves of even size; with a {@link Skew}, a fraction of the rows take one
 * hot value of it instead. The same arguments give the same rows.
 */
public final class SampleData {
    /** Added to the seed for the choice of the rows that take the hot key: independent of every column's values. */
    private static final long HOT_ROW_SEED = 104_729;

    private SampleData() {
    }

    /**
     * About {@code fraction} of the rows (each row independently, chosen by a seeded random number) take
     * {@code hotKey} as their first row key, the rest stay uniform (though not with the values the same seed gives
     * without skew: Spark draws their keys only for them). The hot key is a number in the generator's
     * key range: a long or int key takes it as it is, a string key as the generator writes numbers (zero-padded
     * to 12 digits).
     */
    public record Skew(double fraction, long hotKey) {
        public static final Skew NONE = new Skew(0, 0);

        public Skew {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("The hot key's fraction of the rows must be between 0 and 1, not " + fraction);
            }
        }
    }

    public static Dataset<Row> rows(SparkSession spark, Schema schema, long count, long keyMax, long seed, int partitions) {
        return rows(spark, schema, count, keyMax, seed, partitions, Skew.NONE);
    }

    public static Dataset<Row> rows(SparkSession spark, Schema schema, long count, long keyMax, long seed, int partitions,
                                    Skew skew) {
        Dataset<Row> ids = spark.range(0, count, 1, partitions).toDF("id");
        List<Column> columns = new ArrayList<>();
        List<Field> fields = schema.allFields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            boolean firstKey = i == 0;
            Column column = column(f.type(), seed + i * 7919L, firstKey ? keyMax : Long.MAX_VALUE / 4);
            if (firstKey && skew.fraction() > 0) {
                column = when(rand(seed + HOT_ROW_SEED).lt(lit(skew.fraction())), hotKey(f.type(), skew.hotKey()))
                        .otherwise(column);
            }
            columns.add(column.as(f.name()));
        }
        Dataset<Row> df = ids.select(columns.toArray(Column[]::new));
        // Re-apply the table's nullability so key columns are written as required, as imports need.
        return spark.createDataFrame(df.rdd(), SparkSchemas.structType(schema));
    }

    private static Column hotKey(FieldType type, long value) {
        if (type == PrimitiveType.LONG) {
            return lit(value);
        }
        if (type == PrimitiveType.INT && value >= 0 && value <= Integer.MAX_VALUE) {
            return lit((int) value);
        }
        if (type == PrimitiveType.STRING && value >= 0 && value < 1_000_000_000_000L) {
            return lit(String.format(java.util.Locale.ROOT, "%012d", value));
        }
        throw new IllegalArgumentException("A hot key " + value + " is for a first row key of type LONG, INT or STRING"
                + " in the generator's range, not " + type);
    }

    private static Column column(FieldType type, long seed, long max) {
        if (type instanceof PrimitiveType p) {
            return primitive(p, seed, max);
        }
        if (type instanceof DecimalType d) {
            return rand(seed).multiply(lit(Math.pow(10, Math.min(d.precision() - d.scale(), 15)))).cast(SparkSchemas.dataType(d));
        }
        if (type instanceof ListType l) {
            return array(primitive(l.elementType(), seed, 1000), primitive(l.elementType(), seed + 1, 1000));
        }
        MapType m = (MapType) type;
        return map(primitive(m.keyType(), seed, 1000), primitive(m.valueType(), seed + 1, 1000));
    }

    private static Column primitive(PrimitiveType type, long seed, long max) {
        Column uniform = rand(seed).multiply(lit((double) max)).cast("long");
        return switch (type) {
            case LONG -> uniform;
            case INT -> rand(seed).multiply(lit((double) Math.min(max, Integer.MAX_VALUE))).cast("int");
            case STRING -> expr("lpad(cast(cast(rand(" + seed + ") * " + Math.min(max, 1_000_000_000_000L)
                    + " as bigint) as string), 12, '0')");
            case BYTE_ARRAY -> expr("unhex(sha2(cast(rand(" + seed + ") as string), 256))");
            case DOUBLE -> rand(seed).multiply(lit(1000.0));
            case FLOAT -> rand(seed).cast("float");
            case BOOLEAN -> rand(seed).lt(lit(0.5));
            // Microseconds from 1970 to about 2300, as a timestamp; days from 1970 to about 2240, as a date.
            case TIMESTAMP -> expr("timestamp_micros(cast(rand(" + seed + ") * 1.0e16 as bigint))");
            case DATE -> expr("date_from_unix_date(cast(rand(" + seed + ") * 100000 as int))");
        };
    }

    /** Writes the rows as {@code files} Parquet files under dir, about half of them in {@code dir/nested/}. */
    public static void write(Dataset<Row> rows, String dir, int files) {
        if (files <= 1) {
            rows.coalesce(1).write().mode("overwrite").parquet(dir);
            return;
        }
        Dataset<Row>[] halves = rows.randomSplit(new double[]{0.5, 0.5}, 17);
        int top = (files + 1) / 2;
        halves[0].repartition(top).write().mode("overwrite").parquet(dir);
        halves[1].repartition(files - top).write().mode("overwrite").parquet(dir + "/nested");
    }
}
