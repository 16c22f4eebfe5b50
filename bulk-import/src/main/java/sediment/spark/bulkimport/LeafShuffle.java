package sediment.spark.bulkimport;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.rdd.ShuffledRDD;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import sediment.spark.internal.InternalRows;
import sediment.spark.internal.Scala;

import java.util.Iterator;

/**
 * Brings every row to its leaf: Spark partition g of the result holds exactly the rows of the leaves
 * of group g ({@link LeafGroups}), in no particular order. There is no sampling pass; the leaf is computed per
 * row from the tree, and rows travel through the shuffle in batches (see {@link LeafBatches}).
 */
final class LeafShuffle {
    private LeafShuffle() {
    }

    static Dataset<Row> byLeaf(SparkSession spark, Dataset<Row> input, LeafLocator locator, int leafCount, LeafGroups groups) {
        StructType schema = input.schema();
        int fieldCount = schema.size();
        JavaRDD<InternalRow> rows = InternalRows.of(input).toJavaRDD();
        RDD<Tuple2<Integer, byte[]>> batches = rows.mapPartitions(
                part -> new LeafBatches(part, locator, leafCount, schema), false).rdd();
        ShuffledRDD<Integer, byte[], byte[]> shuffled = new ShuffledRDD<>(batches, new LeafPartitioner(groups),
                Scala.classTag(Integer.class), Scala.classTag(byte[].class), Scala.classTag(byte[].class));
        // Kryo whatever spark.serializer says: Java serialization keeps every object a stream has
        // written (up to spark.serializer.objectStreamReset of them) reachable, which for batches of
        // 128 KiB in one stream per leaf is hundreds of megabytes. Kryo forgets each batch once written.
        shuffled.setSerializer(new KryoSerializer(spark.sparkContext().getConf()));
        JavaRDD<InternalRow> byLeaf = new JavaRDD<>(shuffled, Scala.classTag(Tuple2.class))
                .mapPartitions(part -> new BatchedRows(values(part), fieldCount), true);
        // Back into a Dataset, with its partitions as they are, so Spark's sorter (with its spilling and
        // radix sort) orders each leaf.
        return InternalRows.toDataset(spark, byLeaf.rdd(), schema);
    }

    private static Iterator<byte[]> values(Iterator<Tuple2<Integer, byte[]>> pairs) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pairs.hasNext();
            }

            @Override
            public byte[] next() {
                return pairs.next()._2();
            }
        };
    }
}
