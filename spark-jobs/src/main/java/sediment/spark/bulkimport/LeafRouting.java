package sediment.spark.bulkimport;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Routes every row to its leaf partition so that Spark partition i holds exactly leaf i's rows.
 *
 * <p>Spark's hash partitioning sends a row to {@code pmod(murmur3(x, 42), n)}. For each leaf index
 * we find a small int whose hash lands on that index, and compute that int per row, so the plain
 * {@code repartition(n, expr)} shuffle becomes an exact range partitioning with no sampling pass.
 * The per-row expression mirrors the partition tree as nested CASE WHENs on the key columns, which
 * Spark compiles into the shuffle's generated code; Spark compares strings and binary values by
 * unsigned bytes, the project's key ordering. Trees too large for generated code use a UDF that
 * calls {@link PartitionTree#leafIndexFor}.
 */
public final class LeafRouting {
    /** Beyond this many leaves the CASE tree would outgrow a JVM method; the UDF takes over. */
    static final int MAX_LEAVES_FOR_EXPRESSION = 512;
    private static final int SPARK_HASH_SEED = 42;

    private LeafRouting() {
    }

    /** An expression whose Spark hash partition, for {@code tree.leaves().size()} partitions, is the row's leaf index. */
    public static Column partitionExpression(PartitionTree tree, Schema schema) {
        return partitionExpression(tree, schema, MAX_LEAVES_FOR_EXPRESSION);
    }

    static Column partitionExpression(PartitionTree tree, Schema schema, int maxLeavesForExpression) {
        int n = tree.leaves().size();
        int[] hashKeys = hashKeysForPartitions(n);
        if (n <= maxLeavesForExpression) {
            Map<String, Integer> leafIndex = new HashMap<>();
            for (int i = 0; i < n; i++) {
                leafIndex.put(tree.leaves().get(i).id(), i);
            }
            return route(tree, tree.root(), schema.rowKeyFieldNames(), leafIndex, hashKeys);
        }
        List<String> keys = schema.rowKeyFieldNames();
        UserDefinedFunction byTree = udf((UDF1<Row, Integer>) row -> {
            List<Object> key = new ArrayList<>(row.length());
            for (int i = 0; i < row.length(); i++) {
                key.add(row.get(i));
            }
            return hashKeys[tree.leafIndexFor(key)];
        }, DataTypes.IntegerType);
        return byTree.apply(struct(keys.stream().map(k -> col(k)).toArray(Column[]::new)));
    }

    private static Column route(PartitionTree tree, Partition p, List<String> keyNames, Map<String, Integer> leafIndex,
                                int[] hashKeys) {
        if (p.isLeaf()) {
            return lit(hashKeys[leafIndex.get(p.id())]);
        }
        Partition left = tree.partition(p.childIds().get(0)).orElseThrow();
        Partition right = tree.partition(p.childIds().get(1)).orElseThrow();
        int d = p.splitDimension();
        Object splitPoint = right.region().get(d).min();
        return when(col(keyNames.get(d)).lt(lit(splitPoint)), route(tree, left, keyNames, leafIndex, hashKeys))
                .otherwise(route(tree, right, keyNames, leafIndex, hashKeys));
    }

    /** For each partition index i, the smallest non-negative int that Spark's hash partitioning sends to i. */
    static int[] hashKeysForPartitions(int n) {
        int[] keys = new int[n];
        boolean[] found = new boolean[n];
        int remaining = n;
        for (int v = 0; remaining > 0; v++) {
            int partition = Math.floorMod(Murmur3_x86_32.hashInt(v, SPARK_HASH_SEED), n);
            if (!found[partition]) {
                found[partition] = true;
                keys[partition] = v;
                remaining--;
            }
        }
        return keys;
    }
}
