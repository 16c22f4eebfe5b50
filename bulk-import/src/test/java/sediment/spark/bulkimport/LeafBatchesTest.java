package sediment.spark.bulkimport;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.spark.SparkSchemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows go into batches for their leaf and come out again unchanged, whatever their size. */
class LeafBatchesTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("key", PrimitiveType.INT)), List.of(),
            List.of(new Field("text", PrimitiveType.STRING)));

    @Test
    void everyRowComesBackOnceInItsLeafsBatchesIncludingRowsLargerThanABatch() {
        int leafCount = 10_000;
        List<Object> splits = new ArrayList<>();
        for (int i = 1; i < leafCount; i++) {
            splits.add(i * 10);
        }
        PartitionTree tree = PartitionTree.fromSplitPoints(SCHEMA.rowKeyTypes(), splits);
        StructType struct = SparkSchemas.structType(SCHEMA);
        assertThat(LeafBatches.batchBytes(leafCount)).isEqualTo(LeafBatches.MIN_BATCH_BYTES);

        List<InternalRow> input = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            int key = (i * 7919) % 300;
            // Every 50th row is larger than a whole batch.
            String text = i % 50 == 0 ? "x".repeat(LeafBatches.MIN_BATCH_BYTES * 3) + i : "row " + i;
            input.add(new GenericInternalRow(new Object[]{key, UTF8String.fromString(text)}));
        }

        Map<Integer, List<String>> byLeaf = new HashMap<>();
        int batches = 0;
        LeafBatches packed = new LeafBatches(input.iterator(), LeafLocator.of(tree, SCHEMA), leafCount, struct);
        while (packed.hasNext()) {
            Tuple2<Integer, byte[]> batch = packed.next();
            batches++;
            BatchedRows rows = new BatchedRows(List.of(batch._2()).iterator(), 2);
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                assertThat(tree.leafIndexFor(List.of(row.getInt(0)))).isEqualTo(batch._1());
                byLeaf.computeIfAbsent(batch._1(), k -> new ArrayList<>()).add(row.getInt(0) + ":" + row.getUTF8String(1));
            }
        }

        List<String> expected = input.stream().map(r -> r.getInt(0) + ":" + r.getUTF8String(1)).toList();
        assertThat(byLeaf.values().stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(byLeaf).hasSize(30);
        assertThat(batches).isGreaterThan(30);
    }

    @Test
    void staysWithinItsBufferBudgetWhenRowsSpreadOverMoreLeavesThanFit() {
        int leafCount = 10_000;
        List<Object> splits = new ArrayList<>();
        for (int i = 1; i < leafCount; i++) {
            splits.add(i);
        }
        PartitionTree tree = PartitionTree.fromSplitPoints(SCHEMA.rowKeyTypes(), splits);
        long budget = 16L * LeafBatches.MIN_BATCH_BYTES;
        List<InternalRow> input = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            input.add(new GenericInternalRow(new Object[]{(i * 7919) % leafCount, UTF8String.fromString("v" + i)}));
        }

        LeafBatches packed = new LeafBatches(input.iterator(), LeafLocator.of(tree, SCHEMA), leafCount,
                SparkSchemas.structType(SCHEMA), budget);
        List<String> out = new ArrayList<>();
        while (packed.hasNext()) {
            assertThat(packed.allocatedBytes()).isLessThanOrEqualTo(budget);
            Tuple2<Integer, byte[]> batch = packed.next();
            BatchedRows rows = new BatchedRows(List.of(batch._2()).iterator(), 2);
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                assertThat(row.getInt(0)).isEqualTo(batch._1());
                out.add(row.getInt(0) + ":" + row.getUTF8String(1));
            }
        }

        assertThat(out).containsExactlyInAnyOrderElementsOf(input.stream().map(r -> r.getInt(0) + ":" + r.getUTF8String(1)).toList());
        assertThat(packed.allocatedBytes()).isZero();
    }

    @Test
    void eachBatchIsARunInKeyOrderSoTheReduceSideReadsSortedRowsSequentially() {
        Schema schema = new Schema(List.of(new Field("name", PrimitiveType.STRING)), List.of(),
                List.of(new Field("n", PrimitiveType.LONG)));
        PartitionTree tree = PartitionTree.fromSplitPoints(schema.rowKeyTypes(), List.of("m"));
        List<InternalRow> input = new ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 30_000; i++) {
            // The batch order is exact to the first 6 bytes of the key (the prefix's last 16 bits number
            // the rows); these names are ASCII there, some with more bytes beyond.
            String name = String.format("%c%05d", (char) ('a' + random.nextInt(26)), random.nextInt(100_000))
                    + (i % 7 == 0 ? "é" : "");
            input.add(new GenericInternalRow(new Object[]{UTF8String.fromString(name), (long) i}));
        }

        LeafBatches packed = new LeafBatches(input.iterator(), LeafLocator.of(tree, schema), 2,
                SparkSchemas.structType(schema));
        int batches = 0;
        int rowsOut = 0;
        while (packed.hasNext()) {
            Tuple2<Integer, byte[]> batch = packed.next();
            batches++;
            BatchedRows rows = new BatchedRows(List.of(batch._2()).iterator(), 2);
            String previous = null;
            while (rows.hasNext()) {
                String name = rows.next().getUTF8String(0).toString().substring(0, 6);
                if (previous != null) {
                    assertThat(previous.compareTo(name)).as("%s before %s", previous, name).isLessThanOrEqualTo(0);
                }
                previous = name;
                rowsOut++;
            }
        }
        assertThat(rowsOut).isEqualTo(30_000);
        assertThat(batches).isGreaterThan(2);
    }
}
