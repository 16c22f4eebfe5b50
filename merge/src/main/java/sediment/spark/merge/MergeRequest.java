package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.merge.HistoricalCommit;
import sediment.core.merge.MergeOptions;

import java.time.Clock;

/** What the builders collect for one merge: where, what from, with which options. */
record MergeRequest(SparkSession spark, String db, String namespace, String table, MergeOptions options, SourceKind sourceKind,
                    String sourceNamespace, String sourceTable, Dataset<Row> sourceDataset, Clock clock, String jobId,
                    HistoricalCommit.Hook hook) {

    enum SourceKind { INTRADAY, HISTORICAL, DATASET }
}
