package sediment.core.partition;

import sediment.core.error.InvalidInputException;
import sediment.core.key.KeyOrdering;
import sediment.core.key.KeyText;
import sediment.core.schema.PrimitiveType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partitions of a table: a root covering every key, split into two children on one row-key
 * dimension at a time. Immutable; {@link #split} returns a new tree.
 *
 * <p>Partition ids are paths from the root ("p", then "p0" and "p1" for its children, and so on), so
 * they are deterministic, readable in directory names, and two writers splitting the same leaf pick
 * the same ids and conflict in the transaction log rather than producing two trees.
 */
public final class PartitionTree implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String ROOT_ID = "p";

    private final List<PrimitiveType> rowKeyTypes;
    private final Map<String, Partition> partitions;
    private final List<Partition> leavesInOrder;
    /** Leaf id to its position in {@link #leavesInOrder}, so a descent ends in O(1) rather than a scan. */
    private final Map<String, Integer> leafIndexById;
    /** For trees split only on the first dimension: leaf i covers [leafMins[i], leafMins[i+1]). */
    private final Object[] leafMins;

    public PartitionTree(List<PrimitiveType> rowKeyTypes, Collection<Partition> partitions) {
        this.rowKeyTypes = List.copyOf(rowKeyTypes);
        Map<String, Partition> byId = new LinkedHashMap<>();
        for (Partition p : partitions) {
            byId.put(p.id(), p);
        }
        if (!byId.containsKey(ROOT_ID)) {
            throw new IllegalArgumentException("partition tree has no root partition '" + ROOT_ID + "'");
        }
        this.partitions = byId;
        this.leavesInOrder = orderLeaves();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < leavesInOrder.size(); i++) {
            index.put(leavesInOrder.get(i).id(), i);
        }
        this.leafIndexById = index;
        boolean oneDimensional = byId.values().stream().allMatch(p -> p.isLeaf() || p.splitDimension() == 0);
        this.leafMins = oneDimensional ? leavesInOrder.stream().map(p -> p.region().get(0).min()).toArray() : null;
    }

    /** A tree of one leaf, the root, covering every key. */
    public static PartitionTree singleLeaf(List<PrimitiveType> rowKeyTypes) {
        List<Range> region = rowKeyTypes.stream().map(t -> Range.UNBOUNDED).toList();
        return new PartitionTree(rowKeyTypes, List.of(Partition.leaf(ROOT_ID, null, region)));
    }

    /**
     * A balanced tree whose leaves are cut at the given split points on the first row-key field.
     * Split points must be strictly increasing in the key ordering.
     */
    public static PartitionTree fromSplitPoints(List<PrimitiveType> rowKeyTypes, List<Object> splitPoints) {
        PrimitiveType type = rowKeyTypes.get(0);
        if (!splitPoints.isEmpty() && KeyOrdering.isMinimum(type, splitPoints.get(0))) {
            throw new InvalidInputException("Split point 1 (" + describe(type, splitPoints.get(0)) + ") is the smallest "
                    + type + " value: no key sorts below it, so the partition below it would always be empty");
        }
        for (int i = 1; i < splitPoints.size(); i++) {
            if (KeyOrdering.compare(type, splitPoints.get(i - 1), splitPoints.get(i)) >= 0) {
                throw new InvalidInputException("Split points are not in increasing order: split point " + (i + 1) + " ("
                        + describe(type, splitPoints.get(i)) + ") is not greater than split point " + i + " ("
                        + describe(type, splitPoints.get(i - 1)) + ")");
            }
        }
        List<Partition> out = new ArrayList<>();
        List<Range> rootRegion = rowKeyTypes.stream().map(t -> Range.UNBOUNDED).toList();
        build(out, ROOT_ID, null, rootRegion, splitPoints, 0, splitPoints.size());
        return new PartitionTree(rowKeyTypes, out);
    }

    /** Builds the subtree for split points [from, to), cutting at the middle one. */
    private static void build(List<Partition> out, String id, String parentId, List<Range> region,
                              List<Object> splitPoints, int from, int to) {
        if (from >= to) {
            out.add(Partition.leaf(id, parentId, region));
            return;
        }
        int mid = (from + to) >>> 1;
        Object at = splitPoints.get(mid);
        List<List<Range>> halves = cut(region, 0, at);
        out.add(new Partition(id, parentId, List.of(id + "0", id + "1"), region, 0));
        build(out, id + "0", id, halves.get(0), splitPoints, from, mid);
        build(out, id + "1", id, halves.get(1), splitPoints, mid + 1, to);
    }

    private static List<List<Range>> cut(List<Range> region, int dimension, Object at) {
        List<Range> left = new ArrayList<>(region);
        List<Range> right = new ArrayList<>(region);
        Range r = region.get(dimension);
        left.set(dimension, new Range(r.min(), at));
        right.set(dimension, new Range(at, r.max()));
        return List.of(left, right);
    }

    /** A new tree in which leaf {@code leafId} is cut in two on {@code dimension} at {@code at}. */
    public PartitionTree split(String leafId, int dimension, Object at) {
        Partition leaf = partitions.get(leafId);
        checkSplit(leaf, leafId, dimension, at);
        List<List<Range>> halves = cut(leaf.region(), dimension, at);
        List<Partition> next = new ArrayList<>(partitions.values());
        next.remove(leaf);
        next.add(new Partition(leafId, leaf.parentId(), List.of(leafId + "0", leafId + "1"), leaf.region(), dimension));
        next.add(Partition.leaf(leafId + "0", leafId, halves.get(0)));
        next.add(Partition.leaf(leafId + "1", leafId, halves.get(1)));
        return new PartitionTree(rowKeyTypes, next);
    }

    /** Throws {@link InvalidInputException} unless {@code leaf} (null if absent) can be cut on {@code dimension} at {@code at}. */
    private void checkSplit(Partition leaf, String leafId, int dimension, Object at) {
        if (leaf == null) {
            throw new InvalidInputException("Cannot split partition " + leafId + ": no such partition");
        }
        if (!leaf.isLeaf()) {
            throw new InvalidInputException("Cannot split partition " + leafId + ": it is not a leaf (children "
                    + String.join(", ", leaf.childIds()) + ")");
        }
        if (dimension < 0 || dimension >= rowKeyTypes.size()) {
            throw new InvalidInputException("Cannot split partition " + leafId + ": dimension " + dimension
                    + " is not a row-key field index (0 to " + (rowKeyTypes.size() - 1) + ")");
        }
        PrimitiveType type = rowKeyTypes.get(dimension);
        Range range = leaf.region().get(dimension);
        if (!range.canSplitAt(type, at)) {
            String where = "Cannot split partition " + leafId + " at " + describe(type, at)
                    + (rowKeyTypes.size() > 1 ? " on row-key field " + dimension : "");
            if (range.min() == null && KeyOrdering.isMinimum(type, at)) {
                throw new InvalidInputException(where + ": it is the smallest " + type
                        + " value, so the partition below it would always be empty");
            }
            throw new InvalidInputException(where + ": the split point must lie strictly inside the partition's range ["
                    + (range.min() == null ? "-inf" : describe(type, range.min())) + ", "
                    + (range.max() == null ? "+inf" : describe(type, range.max())) + ")");
        }
    }

    /** One cut of a leaf: on row-key field {@code dimension}, at {@code at} (the second child's min). */
    public record Split(String leafId, int dimension, Object at) implements java.io.Serializable {
    }

    /**
     * A new tree with every split applied in order (a split may cut a leaf an earlier one made), built once
     * at the end: extending a tree by thousands of leaves costs one rebuild, not one per split. Each split
     * must be valid where it applies, as for {@link #split}.
     */
    public PartitionTree splitAll(List<Split> splits) {
        if (splits.isEmpty()) {
            return this;
        }
        Map<String, Partition> next = new LinkedHashMap<>(partitions);
        for (Split s : splits) {
            Partition leaf = next.get(s.leafId());
            checkSplit(leaf, s.leafId(), s.dimension(), s.at());
            List<List<Range>> halves = cut(leaf.region(), s.dimension(), s.at());
            String id = s.leafId();
            next.put(id, new Partition(id, leaf.parentId(), List.of(id + "0", id + "1"), leaf.region(), s.dimension()));
            next.put(id + "0", Partition.leaf(id + "0", id, halves.get(0)));
            next.put(id + "1", Partition.leaf(id + "1", id, halves.get(1)));
        }
        return new PartitionTree(rowKeyTypes, next.values());
    }

    /** The leaf that holds the given row key (one value per row-key field). */
    public Partition leafFor(List<?> rowKey) {
        return leavesInOrder.get(leafIndexFor(rowKey));
    }

    /**
     * The position of the key's leaf in {@link #leaves()}: a binary search over leaf boundaries when
     * every split is on the first field, otherwise a descent from the root.
     */
    public int leafIndexFor(List<?> rowKey) {
        if (leafMins != null) {
            return leafIndexForFirstField(rowKey.get(0));
        }
        Partition p = partitions.get(ROOT_ID);
        while (!p.isLeaf()) {
            Partition right = partitions.get(p.childIds().get(1));
            int d = p.splitDimension();
            Object at = right.region().get(d).min();
            boolean goRight = KeyOrdering.compare(rowKeyTypes.get(d), rowKey.get(d), at) >= 0;
            p = goRight ? right : partitions.get(p.childIds().get(0));
        }
        return leafIndexById.get(p.id());
    }

    private int leafIndexForFirstField(Object value) {
        PrimitiveType type = rowKeyTypes.get(0);
        int lo = 1;
        int hi = leafMins.length - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (KeyOrdering.compare(type, leafMins[mid], value) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** A value in messages: strings quoted so that spaces and empty strings show, byte arrays in Base64. */
    private static String describe(PrimitiveType type, Object value) {
        return type == PrimitiveType.STRING ? "'" + value + "'" : KeyText.format(type, value);
    }

    /** True when every split is on the first row-key field, so leaves are contiguous ranges of it. */
    public boolean isOneDimensional() {
        return leafMins != null;
    }

    /** Leaves in key order (left to right in the tree). */
    public List<Partition> leaves() {
        return leavesInOrder;
    }

    public Optional<Partition> partition(String id) {
        return Optional.ofNullable(partitions.get(id));
    }

    public Collection<Partition> all() {
        return partitions.values();
    }

    public Partition root() {
        return partitions.get(ROOT_ID);
    }

    public List<PrimitiveType> rowKeyTypes() {
        return rowKeyTypes;
    }

    private List<Partition> orderLeaves() {
        List<Partition> leaves = new ArrayList<>();
        collectLeaves(partitions.get(ROOT_ID), leaves);
        return List.copyOf(leaves);
    }

    private void collectLeaves(Partition p, List<Partition> out) {
        if (p.isLeaf()) {
            out.add(p);
            return;
        }
        for (String child : p.childIds()) {
            Partition c = partitions.get(child);
            if (c == null) {
                throw new IllegalStateException("partition " + p.id() + " names missing child " + child);
            }
            collectLeaves(c, out);
        }
    }

    /** Partitions sorted by id, which lists parents before children. */
    public List<Partition> sortedById() {
        return partitions.values().stream().sorted(Comparator.comparing(Partition::id)).toList();
    }
}
