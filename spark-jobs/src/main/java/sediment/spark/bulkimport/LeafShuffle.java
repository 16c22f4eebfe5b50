package sediment.spark.bulkimport;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Brings every row to its leaf: Spark partition i of the result holds exactly the rows of leaf i of
 * the partition tree, in no particular order. There is no sampling pass; the leaf is computed per
 * row from the tree, and rows travel through the shuffle in batches (see {@link LeafBatches}).
 */
final class LeafShuffle {
    private LeafShuffle() {
    }

    static Dataset<Row> byLeaf(SparkSession spark, Dataset<Row> input, LeafLocator locator, int leafCount) {
        StructType schema = input.schema();
        int fieldCount = schema.size();
        JavaRDD<InternalRow> rows = input.queryExecution().toRdd().toJavaRDD();
        JavaPairRDD<Integer, byte[]> batches = rows.mapPartitionsToPair(
                part -> new LeafBatches(part, locator, leafCount, schema), false);
        JavaRDD<InternalRow> byLeaf = batches.partitionBy(new LeafPartitioner(leafCount)).values()
                .mapPartitions(part -> new BatchedRows(part, fieldCount), true);
        // Back into a Dataset, with its partitions as they are, so Spark's sorter (with its spilling and
        // radix sort) orders each leaf. internalCreateDataFrame is Spark's own route for internal rows.
        return spark.internalCreateDataFrame(byLeaf.rdd(), schema, false);
    }
}
