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
     * Greedy over the distinct values in order: a part ends before the value that would take it further
     * past its target than stopping short would, and the target is recomputed from what is left after
     * every cut, so a heavy value (which always ends up alone) does not starve the parts after it.
     */
    private static List<Object> balancedPoints(Weighted w, int parts) {
        int m = w.values.size();
        int k = Math.min(parts, m);
        List<Object> points = new ArrayList<>(Math.max(0, k - 1));
        long remaining = w.total;
        int partsLeft = k;
        long current = 0;
        for (int i = 0; i < m && partsLeft > 1; i++) {
            long weight = w.counts[i];
            if (current > 0) {
                boolean mustCut = m - i == partsLeft - 1;
                // Compare 2·current + weight with 2·target, where target = remaining / partsLeft, in integers.
                boolean overshoots = (2 * current + weight) * partsLeft > 2 * remaining;
                if (mustCut || overshoots) {
                    points.add(w.values.get(i));
                    remaining -= current;
                    partsLeft--;
                    current = 0;
                }
            }
            current += weight;
        }
        return points;
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
