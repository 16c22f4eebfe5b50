package sediment.spark.merge;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.error.SedimentException;
import sediment.spark.internal.SqlConfPropagation;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * After the commit: the historical files hold the source's rows, by row count and an
 * order-independent checksum (sums of the two halves of each row's xxhash64), the source's side
 * computed by the destination tasks as they wrote.
 */
final class MergeValidator {
    private MergeValidator() {
    }

    /** Throws with both counts and checksums when they differ. */
    static MergeResult.Validation validate(SparkSession spark, MergeTarget target, MergeSource.Prepared prepared,
                                           List<DestinationResult> results, List<MergeResult.Destination> destinations) {
        long rows = results.stream().mapToLong(DestinationResult::rows).sum();
        long sourceRows = prepared.knownRows() >= 0 ? prepared.knownRows() : rows;
        String sourceChecksum = checksum(results.stream().mapToLong(DestinationResult::hashHigh).sum(),
                results.stream().mapToLong(DestinationResult::hashLow).sum());
        MergeResult.Validation validation = historical(spark, target, destinations, sourceRows, sourceChecksum);
        if (!validation.passed()) {
            throw new SedimentException("Validation failed for " + target.namespace() + "." + target.table() + " partition "
                    + target.partitionValue() + ": the historical data has " + validation.historicalRows() + " rows with checksum "
                    + validation.historicalChecksum() + " but the source had " + validation.sourceRows() + " rows with checksum "
                    + validation.sourceChecksum() + (prepared.intradayDir() == null ? "" : "; the intraday data was kept"));
        }
        return validation;
    }

    private static MergeResult.Validation historical(SparkSession spark, MergeTarget target, List<MergeResult.Destination> destinations,
                                                     long sourceRows, String sourceChecksum) {
        if (destinations.isEmpty()) {
            return new MergeResult.Validation(sourceRows, sourceChecksum, 0, checksum(0, 0));
        }
        String[] files = destinations.stream().map(d -> FileSource.escapeGlob(d.file())).toArray(String[]::new);
        Dataset<Row> historical = spark.read().schema(SparkTypes.schema(target.definition().dataColumns())).parquet(files);
        Column[] data = target.definition().dataColumns().stream().map(c -> col(c.name())).toArray(Column[]::new);
        Column h = xxhash64(data);
        Row r = SqlConfPropagation.withSessionConf(spark, () -> historical.agg(count(lit(1)), sum(shiftrightunsigned(h, 32)),
                sum(h.bitwiseAND(lit(0xffffffffL)))).collectAsList().get(0));
        return new MergeResult.Validation(sourceRows, sourceChecksum, r.getLong(0), checksum(r.getLong(1), r.getLong(2)));
    }

    static String checksum(long high, long low) {
        return String.format(Locale.ROOT, "%016x%016x", high, low);
    }
}
