package sediment.spark.merge;

import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import sediment.spark.internal.InternalRows;
import sediment.spark.internal.PartitionJobs;
import sediment.spark.internal.ShuffleStatistics;
import sediment.spark.internal.SqlConfPropagation;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the shuffle once, then one Spark job per destination, at most {@code concurrency} at a
 * time, largest destinations first (by the shuffle's own statistics, so a large destination does
 * not start last); every job reuses the shuffle's output.
 */
final class DestinationJobs {
    private DestinationJobs() {
    }

    static List<DestinationResult> run(SparkSession spark, Dataset<Row> shuffled, DestinationTask task, int n, int concurrency,
                                       String description) {
        SparkContext sc = spark.sparkContext();
        sc.setJobDescription(description);
        try {
            RDD<InternalRow> rdd = SqlConfPropagation.withSessionConf(spark, () -> InternalRows.of(shuffled));
            if (rdd.getNumPartitions() != n) {
                throw new IllegalStateException("The merge shuffle has " + rdd.getNumPartitions() + " partitions, not " + n);
            }
            RDD<DestinationResult> written = rdd.toJavaRDD().mapPartitionsWithIndex(task, true).rdd();
            List<Integer> order = largestFirst(rdd, n);
            return SqlConfPropagation.withSessionConf(spark,
                    () -> PartitionJobs.run(sc, written, order, concurrency, DestinationResult.class));
        } finally {
            sc.setJobDescription(null);
        }
    }

    /** Destinations by shuffle bytes, largest first; in number order if Spark does not tell. */
    static List<Integer> largestFirst(RDD<?> rdd, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        ShuffleStatistics.bytesByPartition(rdd, n).ifPresent(bytes -> order.sort((a, b) -> Long.compare(bytes[b], bytes[a])));
        return order;
    }
}
