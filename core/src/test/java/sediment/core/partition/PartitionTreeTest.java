package sediment.core.partition;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;
import sediment.core.schema.PrimitiveType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionTreeTest {
    private static final List<PrimitiveType> LONG = List.of(PrimitiveType.LONG);
    private static final List<PrimitiveType> LONG_STRING = List.of(PrimitiveType.LONG, PrimitiveType.STRING);

    private static List<Object> points(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void shouldStartAsOneLeafCoveringEveryKey() {
        PartitionTree tree = PartitionTree.singleLeaf(LONG_STRING);

        assertThat(tree.root().isLeaf()).isTrue();
        assertThat(tree.root().isRoot()).isTrue();
        assertThat(tree.root().region()).containsExactly(Range.UNBOUNDED, Range.UNBOUNDED);
        assertThat(tree.leafFor(List.of(Long.MIN_VALUE, "")).id()).isEqualTo("p");
        assertThat(tree.leafFor(List.of(Long.MAX_VALUE, "zzz")).id()).isEqualTo("p");
        assertThat(tree.isOneDimensional()).isTrue();
    }

    @Test
    void shouldBuildBalancedTreeWithPathIdsFromSplitPoints() {
        PartitionTree tree = PartitionTree.fromSplitPoints(LONG, points(10L, 20L, 30L));

        assertThat(tree.leaves()).extracting(Partition::id).containsExactly("p00", "p01", "p10", "p11");
        assertThat(tree.leaves()).extracting(p -> p.region().get(0)).containsExactly(
                new Range(null, 10L), new Range(10L, 20L), new Range(20L, 30L), new Range(30L, null));
        assertThat(tree.root().childIds()).containsExactly("p0", "p1");
        assertThat(tree.partition("p01").orElseThrow().parentId()).isEqualTo("p0");
        assertThat(tree.all()).hasSize(7);
        assertThat(tree.sortedById()).extracting(Partition::id).containsExactly("p", "p0", "p00", "p01", "p1", "p10", "p11");
        assertThat(tree.isOneDimensional()).isTrue();
    }

    @Test
    void shouldPutKeysOnSplitPointsInTheUpperPartition() {
        PartitionTree tree = PartitionTree.fromSplitPoints(LONG, points(10L, 20L, 30L));

        assertThat(tree.leafFor(List.of(Long.MIN_VALUE)).id()).isEqualTo("p00");
        assertThat(tree.leafFor(List.of(9L)).id()).isEqualTo("p00");
        assertThat(tree.leafFor(List.of(10L)).id()).isEqualTo("p01");
        assertThat(tree.leafFor(List.of(19L)).id()).isEqualTo("p01");
        assertThat(tree.leafFor(List.of(20L)).id()).isEqualTo("p10");
        assertThat(tree.leafFor(List.of(30L)).id()).isEqualTo("p11");
        assertThat(tree.leafFor(List.of(Long.MAX_VALUE)).id()).isEqualTo("p11");
        assertThat(tree.leafIndexFor(List.of(25L))).isEqualTo(2);
    }

    @Test
    void shouldBuildTreesOfAnySizeWithEveryLeafReachable() {
        for (int n = 0; n <= 17; n++) {
            List<Object> splits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                splits.add((long) i * 10);
            }
            PartitionTree tree = PartitionTree.fromSplitPoints(LONG, splits);
            assertThat(tree.leaves()).hasSize(n + 1);
            assertThat(tree.all()).hasSize(2 * n + 1);
            for (int i = 0; i <= n; i++) {
                assertThat(tree.leafIndexFor(List.of((long) i * 10 - 1))).isEqualTo(Math.max(0, i));
            }
        }
    }

    @Test
    void shouldRefuseSplitPointsOutOfOrderOrRepeated() {
        assertThatThrownBy(() -> PartitionTree.fromSplitPoints(LONG, points(10L, 30L, 20L)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Split points are not in increasing order: split point 3 (20) is not greater than split point 2 (30)");
        assertThatThrownBy(() -> PartitionTree.fromSplitPoints(List.of(PrimitiveType.STRING), points("a", "a")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("split point 2 ('a') is not greater than split point 1 ('a')");
    }

    @Test
    void shouldRefuseTheSmallestValueAsASplitPoint() {
        assertThatThrownBy(() -> PartitionTree.fromSplitPoints(LONG, points(Long.MIN_VALUE, 5L)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is the smallest LongType value");
        assertThatThrownBy(() -> PartitionTree.fromSplitPoints(List.of(PrimitiveType.STRING), points("")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Split point 1 ('') is the smallest StringType value");
    }

    @Test
    void shouldSplitALeafIntoTwoChildrenLeavingTheOriginalTreeUnchanged() {
        PartitionTree before = PartitionTree.fromSplitPoints(LONG, points(10L));

        PartitionTree after = before.split("p1", 0, 50L);

        assertThat(after.leaves()).extracting(Partition::id).containsExactly("p0", "p10", "p11");
        Partition split = after.partition("p1").orElseThrow();
        assertThat(split.isLeaf()).isFalse();
        assertThat(split.splitDimension()).isZero();
        assertThat(split.region()).containsExactly(new Range(10L, null));
        assertThat(after.partition("p10").orElseThrow().region()).containsExactly(new Range(10L, 50L));
        assertThat(after.partition("p11").orElseThrow().region()).containsExactly(new Range(50L, null));
        assertThat(after.leafFor(List.of(50L)).id()).isEqualTo("p11");
        assertThat(before.leaves()).extracting(Partition::id).containsExactly("p0", "p1");
    }

    @Test
    void shouldExplainSplitsThatCannotBeMade() {
        PartitionTree tree = PartitionTree.fromSplitPoints(LONG, points(10L, 20L));

        assertThatThrownBy(() -> tree.split("p7", 0, 5L)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p7: no such partition");
        assertThatThrownBy(() -> tree.split("p", 0, 5L)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p: it is not a leaf (children p0, p1)");
        assertThatThrownBy(() -> tree.split("p1", 1, 5L)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p1: dimension 1 is not a row-key field index (0 to 0)");
        // p1 covers [20, +inf): 20 itself would leave the lower half empty, 5 lies outside.
        assertThatThrownBy(() -> tree.split("p1", 0, 20L)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p1 at 20: the split point must lie strictly inside the partition's range [20, +inf)");
        assertThatThrownBy(() -> tree.split("p1", 0, 5L)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[20, +inf)");
        // p00 covers [-inf, 10)
        assertThatThrownBy(() -> tree.split("p00", 0, 10L)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p00 at 10: the split point must lie strictly inside the partition's range [-inf, 10)");
        assertThatThrownBy(() -> tree.split("p00", 0, Long.MIN_VALUE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p00 at " + Long.MIN_VALUE
                        + ": it is the smallest LongType value, so the partition below it would always be empty");
    }

    @Test
    void shouldSplitOnTheSecondFieldAndFindLeavesByDescent() {
        PartitionTree tree = PartitionTree.singleLeaf(LONG_STRING)
                .split("p", 1, "m")          // p0: b < "m", p1: b >= "m"
                .split("p1", 0, 100L)        // p10: a < 100, p11: a >= 100
                .split("p0", 1, "f");        // p00: b < "f", p01: "f" <= b < "m"

        assertThat(tree.isOneDimensional()).isFalse();
        assertThat(tree.leaves()).extracting(Partition::id).containsExactly("p00", "p01", "p10", "p11");
        assertThat(tree.leafFor(List.of(500L, "a")).id()).isEqualTo("p00");
        assertThat(tree.leafFor(List.of(500L, "f")).id()).isEqualTo("p01");
        assertThat(tree.leafFor(List.of(99L, "m")).id()).isEqualTo("p10");
        assertThat(tree.leafFor(List.of(100L, "m")).id()).isEqualTo("p11");
        assertThat(tree.leafFor(List.of(Long.MIN_VALUE, "\uffff")).id()).isEqualTo("p10");
        assertThat(tree.partition("p11").orElseThrow().region()).containsExactly(new Range(100L, null), new Range("m", null));
        assertThat(tree.partition("p01").orElseThrow().region()).containsExactly(Range.UNBOUNDED, new Range("f", "m"));
        for (Partition leaf : tree.leaves()) {
            assertThat(tree.leafIndexFor(leafKeyInside(leaf))).isEqualTo(tree.leaves().indexOf(leaf));
        }
    }

    @Test
    void shouldNameTheFieldWhenASecondDimensionSplitIsOutsideTheRange() {
        PartitionTree tree = PartitionTree.singleLeaf(LONG_STRING).split("p", 1, "m");

        assertThatThrownBy(() -> tree.split("p0", 1, "z")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot split partition p0 at 'z' on row-key field 1: the split point must lie strictly inside"
                        + " the partition's range [-inf, 'm')");
    }

    @Test
    void shouldTreatTreesSplitOnlyOnTheFirstFieldOfSeveralAsOneDimensional() {
        PartitionTree tree = PartitionTree.fromSplitPoints(LONG_STRING, points(0L, 100L));

        assertThat(tree.isOneDimensional()).isTrue();
        assertThat(tree.leafFor(List.of(50L, "anything")).id()).isEqualTo("p01");
        assertThat(tree.split("p01", 1, "k").isOneDimensional()).isFalse();
    }

    @Test
    void shouldRefuseATreeWithoutRoot() {
        assertThatThrownBy(() -> new PartitionTree(LONG, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no root partition 'p'");
    }

    /** A key inside a leaf of the LONG_STRING trees above: each range's min, or a small value if unbounded. */
    private static List<Object> leafKeyInside(Partition leaf) {
        Object a = leaf.region().get(0).min() == null ? Long.MIN_VALUE : leaf.region().get(0).min();
        Object b = leaf.region().get(1).min() == null ? "" : leaf.region().get(1).min();
        return List.of(a, b);
    }
}
