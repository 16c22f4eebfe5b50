package sediment.spark.merge;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import sediment.core.schema.PrimitiveType;
import sediment.spark.SparkSchemas;

import java.time.Instant;

/**
 * The seed's time-binning functions for sort formulas, so {@code upperBin(Timestamp, 1000000000L)}
 * works as written there: {@code lowerBin(t, intervalNanos)} and {@code upperBin(t, intervalNanos)}
 * round a timestamp down or up to a multiple of the interval since the epoch (Spark timestamps hold
 * microseconds). Spark's own functions work too, e.g. {@code date_trunc('second', Timestamp)}.
 */
public final class MergeFunctions {
    private MergeFunctions() {
    }

    public static synchronized void register(SparkSession spark) {
        if (spark.catalog().functionExists("upperBin") && spark.catalog().functionExists("lowerBin")) {
            return;
        }
        spark.udf().register("lowerBin", (UDF2<Object, Long, Object>) (t, interval) -> bin(t, interval, false), DataTypes.TimestampType);
        spark.udf().register("upperBin", (UDF2<Object, Long, Object>) (t, interval) -> bin(t, interval, true), DataTypes.TimestampType);
    }

    static Instant bin(Object t, Long intervalNanos, boolean up) {
        if (t == null || intervalNanos == null) {
            return null;
        }
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("a bin interval must be positive nanoseconds, not " + intervalNanos);
        }
        Instant instant = (Instant) SparkSchemas.keyValue(t, PrimitiveType.TIMESTAMP);
        long nanos = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        long lower = Math.floorDiv(nanos, intervalNanos) * intervalNanos;
        long bin = up && lower != nanos ? lower + intervalNanos : lower;
        return Instant.ofEpochSecond(Math.floorDiv(bin, 1_000_000_000L), Math.floorMod(bin, 1_000_000_000L));
    }
}
