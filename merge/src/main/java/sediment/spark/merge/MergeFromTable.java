package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import sediment.core.merge.MergeOptions;

/**
 * Merges a Dataset directly into historical storage: the seed's merge from an in-memory table. The
 * Dataset's columns must have exactly the definition's types; its own order (partition by partition,
 * row by row) is the arrival order. The Dataset is read once by the merge (twice with lowHeapUsage,
 * whose group counting reads it first), so cache it if computing it is costly or not deterministic.
 * To re-merge a table's historical data in place, read it into the Dataset and merge with
 * {@code force} and {@code lateCleanup}.
 */
public final class MergeFromTable {
    private MergeFromTable() {
    }

    public static MergeResult merge(Dataset<Row> source, String db, String namespace, String table, MergeOptions options) {
        return MergeData.builder(db, namespace, table).options(options).sourceTable(source).sparkSession(source.sparkSession())
                .build().run();
    }
}
