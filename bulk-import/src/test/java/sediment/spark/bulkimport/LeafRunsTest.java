package sediment.spark.bulkimport;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.junit.jupiter.api.Test;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeafRunsTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("k", PrimitiveType.LONG)), List.of(), List.of());

    @Property(tries = 300)
    void cutsSortedRowsIntoOneRunPerLeafWithEveryRowOnce(@ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int splits,
                                                          @ForAll @IntRange(min = 0, max = 400) int rowCount) {
        Random random = new Random(seed);
        List<Object> points = new ArrayList<>();
        for (int i = 1; i <= splits; i++) {
            points.add((long) i * 10);
        }
        PartitionTree tree = PartitionTree.fromSplitPoints(SCHEMA.rowKeyTypes(), points);
        LeafLocator locator = LeafLocator.of(tree, SCHEMA);
        long[] keys = random.longs(rowCount, -20, splits * 10L + 20).sorted().toArray();
        TreeMap<Integer, List<Long>> expected = new TreeMap<>();
        for (long key : keys) {
            expected.computeIfAbsent(locator.leafOf(new GenericInternalRow(new Object[]{key})), l -> new ArrayList<>()).add(key);
        }

        LeafRuns runs = new LeafRuns(reusingOneRow(keys), locator, 0, tree.leaves().size() - 1);
        TreeMap<Integer, List<Long>> seen = new TreeMap<>();
        while (runs.nextLeaf()) {
            assertThat(seen).as("leaf %d seen twice", runs.leaf()).doesNotContainKey(runs.leaf());
            List<Long> run = new ArrayList<>();
            Iterator<InternalRow> rows = runs.rows();
            while (rows.hasNext()) {
                run.add(rows.next().getLong(0));
            }
            seen.put(runs.leaf(), run);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void failsWhenARowComesBackToAnEarlierLeaf() {
        PartitionTree tree = PartitionTree.fromSplitPoints(SCHEMA.rowKeyTypes(), List.of(10L, 20L));
        LeafRuns runs = new LeafRuns(reusingOneRow(new long[]{1, 15, 2}), LeafLocator.of(tree, SCHEMA), 0, 2);
        runs.nextLeaf();
        runs.rows().forEachRemaining(r -> { });
        runs.nextLeaf();
        Iterator<InternalRow> second = runs.rows();
        second.next();

        assertThatThrownBy(second::hasNext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a row of leaf 0 arrived after rows of leaf 1");
    }

    @Test
    void failsWhenARowIsOutsideItsTasksLeaves() {
        PartitionTree tree = PartitionTree.fromSplitPoints(SCHEMA.rowKeyTypes(), List.of(10L, 20L));
        LeafRuns runs = new LeafRuns(reusingOneRow(new long[]{25}), LeafLocator.of(tree, SCHEMA), 0, 1);

        assertThatThrownBy(runs::nextLeaf).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a row of leaf 2 arrived in the task for leaves 0..1");
    }

    /** As Spark's sorter does: one row object, overwritten by every next(). */
    private static Iterator<InternalRow> reusingOneRow(long[] keys) {
        GenericInternalRow row = new GenericInternalRow(1);
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < keys.length;
            }

            @Override
            public InternalRow next() {
                row.setLong(0, keys[i++]);
                return row;
            }
        };
    }
}
