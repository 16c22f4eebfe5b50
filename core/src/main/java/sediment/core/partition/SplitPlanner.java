package sediment.core.partition;

import sediment.core.key.KeyOrdering;
import sediment.core.schema.PrimitiveType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Plans how to extend a partition tree to a number of leaves from a sample of row keys, so that the
 * sampled rows spread evenly over the leaves. Every cut is on the first row-key field, at a sampled value,
 * so every new leaf holds at least one sampled key (no empty leaves) and no two cuts coincide. A value that
 * holds more rows than a leaf should cannot be divided: it gets a leaf of its own and the other values
 * are balanced over the remaining leaves. Reads nothing but the tree and the sample.
 */
public final class SplitPlanner {
    private SplitPlanner() {
    }

    /**
     * The splits that take {@code tree} towards {@code targetLeaves} leaves, in an order in which they apply
     * (each leaf is cut at its middle point first, so the subtrees stay shallow), or none when the tree
     * already has enough leaves. Fewer leaves result when the sample has too few distinct values to cut
     * into; leaves without sampled keys are never cut.
     *
     * @param sample row keys, one value per row-key field, in any order
     */
    public static List<PartitionTree.Split> extend(PartitionTree tree, List<? extends List<?>> sample, int targetLeaves) {
        List<Partition> leaves = tree.leaves();
        if (leaves.size() >= targetLeaves || sample.isEmpty()) {
            return List.of();
        }
        PrimitiveType type = tree.rowKeyTypes().get(0);
        List<List<Object>> byLeaf = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            byLeaf.add(new ArrayList<>());
        }
        for (List<?> key : sample) {
            byLeaf.get(tree.leafIndexFor(key)).add(key.get(0));
        }
        List<Weighted> distinct = new ArrayList<>(leaves.size());
        for (List<Object> values : byLeaf) {
            distinct.add(Weighted.of(type, values));
        }
        int[] parts = allocate(distinct, targetLeaves - leaves.size());
        List<PartitionTree.Split> splits = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (parts[i] > 1) {
                List<Object> points = balancedPoints(distinct.get(i), parts[i]);
                addBalanced(splits, leaves.get(i).id(), points, 0, points.size());
            }
        }
        return splits;
    }

    /**
     * Up to {@code parts - 1} strictly increasing split points from a sample of one field's values that
     * divide the sample into parts of as equal a number of values as the values' repeats allow.
     */
    public static List<Object> balancedPoints(PrimitiveType type, List<?> values, int parts) {
        return balancedPoints(Weighted.of(type, values), parts);
    }

    /**
     * Values that hold at least a leaf's share of the rows are found first and each gets a leaf of its own.
     * The runs of other values between them share the remaining leaves in proportion to their rows, and
     * each run is cut greedily (see {@link #cutRun}). Without setting the heavy values aside first, the
     * parts around a heavy value would be sized as if its rows were to be shared too.
     */
    private static List<Object> balancedPoints(Weighted w, int parts) {
        int m = w.values.size();
        int k = Math.min(parts, m);
        if (k <= 1) {
            return List.of();
        }
        boolean[] heavy = heavyValues(w, k);
        List<int[]> groups = new ArrayList<>(); // {from, to, heavy ? 1 : 0}
        int lightParts = k;
        for (int i = 0; i < m; ) {
            int j = i + 1;
            if (heavy[i]) {
                lightParts--;
            } else {
                while (j < m && !heavy[j]) {
                    j++;
                }
            }
            groups.add(new int[]{i, j, heavy[i] ? 1 : 0});
            i = j;
        }
        int[] groupParts = shareAmongRuns(w, groups, lightParts);
        List<Object> points = new ArrayList<>(k - 1);
        boolean partOpen = false;
        boolean joinNext = false;
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            if (groupParts[g] == 0) {
                // Too few leaves for every run: this one joins its neighbour's leaf.
                joinNext = !partOpen;
                partOpen = true;
                continue;
            }
            if (partOpen && !joinNext) {
                points.add(w.values.get(group[0]));
            }
            joinNext = false;
            if (group[2] == 0) {
                cutRun(w, group[0], group[1], groupParts[g], points);
            }
            partOpen = true;
        }
        return points;
    }

    /** Each run of light values gets at least one leaf where there are enough, then more by rows per leaf. */
    private static int[] shareAmongRuns(Weighted w, List<int[]> groups, int lightParts) {
        int[] parts = new int[groups.size()];
        long[] weight = new long[groups.size()];
        // Runs without a leaf first (heaviest first), then the run with the most rows per leaf.
        PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.comparing((Integer g) -> parts[g] != 0)
                .thenComparingDouble(g -> -(double) weight[g] / Math.max(1, parts[g])).thenComparing(g -> g));
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            if (group[2] == 1) {
                parts[g] = 1;
                continue;
            }
            for (int i = group[0]; i < group[1]; i++) {
                weight[g] += w.counts[i];
            }
            queue.add(g);
        }
        for (int given = 0; given < lightParts && !queue.isEmpty(); given++) {
            int g = queue.poll();
            parts[g]++;
            if (parts[g] < groups.get(g)[1] - groups.get(g)[0]) {
                queue.add(g);
            }
        }
        return parts;
    }

    /**
     * Cuts the run of values [from, to) into {@code parts} parts, adding the cuts inside it: a part ends
     * before the value that would take it further past its target than stopping short would, and the target
     * is recomputed from what is left after every cut.
     */
    private static void cutRun(Weighted w, int from, int to, int parts, List<Object> points) {
        long remaining = 0;
        for (int i = from; i < to; i++) {
            remaining += w.counts[i];
        }
        int partsLeft = parts;
        long current = 0;
        for (int i = from; i < to && partsLeft > 1; i++) {
            long weight = w.counts[i];
            if (current > 0) {
                boolean mustCut = to - i == partsLeft - 1;
                // Compare 2·current + weight with 2·target, where target = remaining / partsLeft, in integers.
                if (mustCut || (2 * current + weight) * partsLeft > 2 * remaining) {
                    points.add(w.values.get(i));
                    remaining -= current;
                    partsLeft--;
                    current = 0;
                }
            }
            current += weight;
        }
    }

    /**
     * The values, heaviest first, that hold at least the share of one of the leaves left once the heavier
     * ones have theirs; at least one leaf is kept for the rest.
     */
    private static boolean[] heavyValues(Weighted w, int k) {
        int m = w.values.size();
        boolean[] heavy = new boolean[m];
        Integer[] byWeight = new Integer[m];
        for (int i = 0; i < m; i++) {
            byWeight[i] = i;
        }
        java.util.Arrays.sort(byWeight, (a, b) -> Long.compare(w.counts[b], w.counts[a]));
        long rest = w.total;
        int partsLeft = k;
        int marked = 0;
        for (int i : byWeight) {
            if (partsLeft <= 1 || w.counts[i] * partsLeft < rest || m - marked <= 1) {
                break;
            }
            heavy[i] = true;
            marked++;
            rest -= w.counts[i];
            partsLeft--;
        }
        return heavy;
    }

    /**
     * Shares {@code extra} new leaves among the existing ones: each step gives one to the leaf whose sampled
     * rows per leaf are highest, among those with more distinct values than leaves planned. Returns the
     * planned leaf count per existing leaf (at least 1).
     */
    private static int[] allocate(List<Weighted> leaves, int extra) {
        int[] parts = new int[leaves.size()];
        PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.comparingDouble(
                (Integer i) -> -(double) leaves.get(i).total / parts[i]).thenComparing(i -> i));
        for (int i = 0; i < parts.length; i++) {
            parts[i] = 1;
            if (leaves.get(i).values.size() > 1) {
                queue.add(i);
            }
        }
        for (int given = 0; given < extra && !queue.isEmpty(); given++) {
            int i = queue.poll();
            parts[i]++;
            if (parts[i] < leaves.get(i).values.size()) {
                queue.add(i);
            }
        }
        return parts;
    }

    /** Cuts the leaf at its middle point, then each half at its own, as {@link PartitionTree#fromSplitPoints} does. */
    private static void addBalanced(List<PartitionTree.Split> out, String leafId, List<Object> points, int from, int to) {
        if (from >= to) {
            return;
        }
        int mid = (from + to) >>> 1;
        out.add(new PartitionTree.Split(leafId, 0, points.get(mid)));
        addBalanced(out, leafId + "0", points, from, mid);
        addBalanced(out, leafId + "1", points, mid + 1, to);
    }

    /** Distinct values in key order with how often each was sampled. */
    private record Weighted(List<Object> values, long[] counts, long total) {
        static Weighted of(PrimitiveType type, List<?> sample) {
            List<Object> sorted = new ArrayList<>(sample);
            sorted.sort(KeyOrdering.comparator(type));
            List<Object> values = new ArrayList<>();
            long[] counts = new long[sorted.size()];
            for (Object v : sorted) {
                if (values.isEmpty() || KeyOrdering.compare(type, values.get(values.size() - 1), v) != 0) {
                    values.add(v);
                }
                counts[values.size() - 1]++;
            }
            return new Weighted(values, java.util.Arrays.copyOf(counts, values.size()), sorted.size());
        }
    }
}
