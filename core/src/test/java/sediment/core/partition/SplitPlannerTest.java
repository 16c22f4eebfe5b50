package sediment.core.partition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sediment.core.key.KeyOrdering;
import sediment.core.schema.PrimitiveType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SplitPlannerTest {
    private static final List<PrimitiveType> LONG_KEY = List.of(PrimitiveType.LONG);

    private static List<List<Object>> keys(List<Long> values) {
        List<List<Object>> out = new ArrayList<>();
        values.forEach(v -> out.add(List.of(v)));
        return out;
    }

    private static List<Long> uniform(int n, long bound, long seed) {
        Random random = new Random(seed);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((long) random.nextInt((int) bound));
        }
        return out;
    }

    /** How many of the sampled keys each leaf of the tree holds. */
    private static long[] rowsPerLeaf(PartitionTree tree, List<List<Object>> sample) {
        long[] counts = new long[tree.leaves().size()];
        sample.forEach(k -> counts[tree.leafIndexFor(k)]++);
        return counts;
    }

    @Test
    void shouldSplitUniformKeysIntoEqualLeaves() {
        List<List<Object>> sample = keys(uniform(100_000, 1_000_000, 1));
        PartitionTree tree = PartitionTree.singleLeaf(LONG_KEY);

        PartitionTree extended = tree.splitAll(SplitPlanner.extend(tree, sample, 64));

        assertThat(extended.leaves()).hasSize(64);
        assertThat(extended.isOneDimensional()).isTrue();
        for (long c : rowsPerLeaf(extended, sample)) {
            assertThat(c).isBetween(100_000L / 64 - 40, 100_000L / 64 + 40);
        }
    }

    @Test
    void shouldGiveAKeyHolding30PercentOfRowsALeafOfItsOwnAndBalanceTheRest() {
        List<Long> values = uniform(70_000, 1_000_000, 2);
        for (int i = 0; i < 30_000; i++) {
            values.add(424_242L);
        }
        Collections.shuffle(values, new Random(3));
        List<List<Object>> sample = keys(values);
        PartitionTree tree = PartitionTree.singleLeaf(LONG_KEY);

        PartitionTree extended = tree.splitAll(SplitPlanner.extend(tree, sample, 16));

        assertThat(extended.leaves()).hasSize(16);
        long[] counts = rowsPerLeaf(extended, sample);
        int heavy = extended.leafIndexFor(List.of(424_242L));
        assertThat(counts[heavy]).as("the heavy key's leaf holds just that key").isBetween(30_000L, 30_010L);
        for (int i = 0; i < counts.length; i++) {
            if (i != heavy) {
                // 70,000 other keys over the 15 other leaves: 4,667 each.
                assertThat(counts[i]).as("leaf %d", i).isBetween(4_300L, 5_000L);
            }
        }
    }

    @Test
    void shouldGiveEachOfSeveralHeavyKeysItsOwnLeaf() {
        List<Long> values = uniform(40_000, 1_000_000, 9);
        for (int i = 0; i < 20_000; i++) {
            values.add(100_000L);
            values.add(500_000L);
            values.add(900_000L);
        }
        List<List<Object>> sample = keys(values);
        PartitionTree tree = PartitionTree.singleLeaf(LONG_KEY);

        PartitionTree extended = tree.splitAll(SplitPlanner.extend(tree, sample, 11));

        assertThat(extended.leaves()).hasSize(11);
        long[] counts = rowsPerLeaf(extended, sample);
        for (long heavyKey : List.of(100_000L, 500_000L, 900_000L)) {
            assertThat(counts[extended.leafIndexFor(List.of(heavyKey))]).isBetween(20_000L, 20_010L);
        }
        // 40,000 other keys over 8 leaves, in four runs of about 4,000, 16,000, 16,000 and 4,000 keys.
        for (int i = 0; i < counts.length; i++) {
            assertThat(counts[i]).as("leaf %d", i).isBetween(3_500L, 20_010L);
        }
        assertThat(java.util.Arrays.stream(counts).filter(c -> c < 20_000).max().orElseThrow()).isLessThanOrEqualTo(6_000L);
    }

    @Test
    void shouldNeverCutTwiceAtOneValueNorMakeAnEmptyLeafWhenKeysRepeat() {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add((long) (i % 5) * 10);
        }
        List<Object> points = SplitPlanner.balancedPoints(PrimitiveType.LONG, values, 16);

        assertThat(points).containsExactly(10L, 20L, 30L, 40L);
    }

    @Test
    void shouldNeverCutAtTheSmallestValueOfTheType() {
        List<Object> values = new ArrayList<>(List.of("", "", "", "a", "b", "c"));
        PartitionTree tree = PartitionTree.singleLeaf(List.of(PrimitiveType.STRING));
        List<List<Object>> sample = values.stream().map(v -> List.<Object>of(v)).toList();

        List<PartitionTree.Split> splits = SplitPlanner.extend(tree, sample, 8);

        assertThat(splits).extracting(PartitionTree.Split::at).doesNotContain("").hasSize(3);
        assertThat(tree.splitAll(splits).leaves()).hasSize(4);
    }

    @Test
    void shouldExtendAnExistingTreeWhereItsRowsAre() {
        // Three quarters of the keys fall in the right leaf, so it gets three quarters of the new leaves.
        List<Long> values = new ArrayList<>(uniform(25_000, 500_000, 4));
        uniform(75_000, 500_000, 5).forEach(v -> values.add(v + 500_000));
        List<List<Object>> sample = keys(values);
        PartitionTree tree = PartitionTree.fromSplitPoints(LONG_KEY, List.of(500_000L));

        PartitionTree extended = tree.splitAll(SplitPlanner.extend(tree, sample, 16));

        assertThat(extended.leaves()).hasSize(16);
        assertThat(extended.leaves().stream().filter(l -> l.id().startsWith("p0"))).hasSize(4);
        assertThat(extended.leaves().stream().filter(l -> l.id().startsWith("p1"))).hasSize(12);
        for (long c : rowsPerLeaf(extended, sample)) {
            assertThat(c).isBetween(6_000L, 6_500L);
        }
    }

    @Test
    void shouldLeaveATreeWithEnoughLeavesAlone() {
        PartitionTree tree = PartitionTree.fromSplitPoints(LONG_KEY, List.of(1L, 2L, 3L));

        assertThat(SplitPlanner.extend(tree, keys(uniform(100, 10, 6)), 4)).isEmpty();
    }

    @Test
    void shouldCutOnTheFirstFieldInsideLeavesOfAMultiDimensionalTree() {
        List<PrimitiveType> types = List.of(PrimitiveType.LONG, PrimitiveType.STRING);
        PartitionTree tree = PartitionTree.singleLeaf(types).split("p", 1, "m");
        Random random = new Random(7);
        List<List<Object>> sample = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            sample.add(List.of((long) random.nextInt(1000), random.nextBoolean() ? "a" : "z"));
        }

        PartitionTree extended = tree.splitAll(SplitPlanner.extend(tree, sample, 8));

        assertThat(extended.leaves()).hasSize(8);
        for (long c : rowsPerLeaf(extended, sample)) {
            assertThat(c).isBetween(1_000L, 1_500L);
        }
    }

    /** Hang guard only: the planner sorts the sample once and builds the tree once, never once per leaf. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldPlanTensOfThousandsOfLeavesFromAMillionKeys() {
        List<List<Object>> sample = keys(uniform(1_000_000, Integer.MAX_VALUE, 8));
        PartitionTree tree = PartitionTree.singleLeaf(LONG_KEY);

        PartitionTree tenThousand = tree.splitAll(SplitPlanner.extend(tree, sample, 10_000));
        PartitionTree twentyThousand = tenThousand.splitAll(SplitPlanner.extend(tenThousand, sample, 20_000));

        assertThat(tenThousand.leaves()).hasSize(10_000);
        assertThat(twentyThousand.leaves()).hasSize(20_000);
        List<Partition> leaves = twentyThousand.leaves();
        for (int i = 1; i < leaves.size(); i++) {
            assertThat(KeyOrdering.compare(PrimitiveType.LONG, leaves.get(i - 1).region().get(0).max(),
                    leaves.get(i).region().get(0).min())).isZero();
        }
        for (long c : rowsPerLeaf(twentyThousand, sample)) {
            assertThat(c).isBetween(1L, 200L);
        }
    }

    @Test
    void shouldApplySplitsOfLeavesThatEarlierSplitsMadeAndRefuseACutOfANonLeaf() {
        PartitionTree tree = PartitionTree.singleLeaf(LONG_KEY);
        PartitionTree split = tree.splitAll(List.of(new PartitionTree.Split("p", 0, 10L), new PartitionTree.Split("p1", 0, 20L)));

        assertThat(split.leaves()).extracting(Partition::id).containsExactly("p0", "p10", "p11");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> split.splitAll(List.of(new PartitionTree.Split("p1", 0, 15L))))
                .hasMessageContaining("Cannot split partition p1: it is not a leaf");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> split.splitAll(List.of(new PartitionTree.Split("p10", 0, 25L))))
                .hasMessageContaining("strictly inside");
    }
}
