package sediment.spark.bulkimport;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.spark.JavaBytes;
import sediment.spark.internal.InternalRows;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The one sorted per-leaf write, shared by every job that writes a table's leaves (bulk import,
 * compaction): route each row to its leaf, sort each leaf by row key then sort key, and write one file
 * per non-empty leaf with {@link LeafFileWriter}. Returns what the winning tasks wrote.
 */
public final class SortedLeafWrite {
    private SortedLeafWrite() {
    }

    /** {@code input} has the table's columns in schema order. */
    public static List<WrittenFile> write(SparkSession spark, Dataset<Row> input, Schema schema, PartitionTree tree,
                                          LeafFileWriter writer, String description) {
        int leafCount = tree.leaves().size();
        Column[] sortColumns = java.util.stream.Stream.concat(schema.rowKeyFields().stream(), schema.sortKeyFields().stream())
                .map(f -> col(f.name())).toArray(Column[]::new);
        Dataset<Row> sorted = LeafShuffle.byLeaf(spark, input, LeafLocator.of(tree, schema), leafCount)
                .sortWithinPartitions(sortColumns);
        JavaRDD<InternalRow> rows = InternalRows.of(sorted).toJavaRDD();
        if (rows.getNumPartitions() != leafCount) {
            throw new IllegalStateException("expected " + leafCount + " Spark partitions, one per leaf, but the plan has "
                    + rows.getNumPartitions());
        }
        spark.sparkContext().setJobDescription(description);
        // As bytes: Kryo (spark.serializer in conf/spark-defaults.conf) cannot carry a record back to the driver.
        return rows.mapPartitionsWithIndex(writer, false).map(JavaBytes::encode).collect().stream()
                .map(bytes -> JavaBytes.decode(bytes, WrittenFile.class)).toList();
    }
}
