package sediment.spark.bulkimport;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;
import sediment.spark.SparkSchemas;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a row's leaf partition straight from Spark's internal row, with the project's key ordering
 * (numbers by value, strings and byte arrays by unsigned bytes). The partition tree is flattened
 * into arrays once on the driver, so the per-row work is a few comparisons with no boxing: a binary
 * search over the leaves' lower bounds when every split is on the first row key field, otherwise a
 * walk down the tree.
 */
public final class LeafLocator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] keyOrdinals;
    private final PrimitiveType[] keyTypes;
    // One-dimensional trees: leaf i holds first-field values in [lowerBounds[i], lowerBounds[i + 1]).
    // Long and int keys also get the bounds as primitives: the search runs once per row.
    private final Object[] lowerBounds;
    private final long[] longBounds;
    // Other trees: node n splits on dimension[n] at splitPoint[n]; a child >= 0 is a node, -1 - i is leaf i.
    private final int[] dimension;
    private final Object[] splitPoint;
    private final int[] below;
    private final int[] atOrAbove;

    private LeafLocator(int[] keyOrdinals, PrimitiveType[] keyTypes, Object[] lowerBounds, int[] dimension,
                        Object[] splitPoint, int[] below, int[] atOrAbove) {
        this.keyOrdinals = keyOrdinals;
        this.keyTypes = keyTypes;
        this.lowerBounds = lowerBounds;
        this.longBounds = lowerBounds == null || !isNumeric(keyTypes[0])
                ? null : Arrays.stream(lowerBounds).mapToLong(b -> b == null ? Long.MIN_VALUE : ((Number) b).longValue()).toArray();
        this.dimension = dimension;
        this.splitPoint = splitPoint;
        this.below = below;
        this.atOrAbove = atOrAbove;
    }

    /** A locator for rows laid out as {@code schema.allFields()}, answering indexes into {@code tree.leaves()}. */
    public static LeafLocator of(PartitionTree tree, Schema schema) {
        int[] ordinals = schema.rowKeyFields().stream().mapToInt(f -> SparkSchemas.ordinal(schema, f)).toArray();
        PrimitiveType[] types = schema.rowKeyTypes().toArray(PrimitiveType[]::new);
        List<Partition> leaves = tree.leaves();
        if (tree.isOneDimensional()) {
            Object[] bounds = new Object[leaves.size()];
            for (int i = 1; i < leaves.size(); i++) {
                bounds[i] = internal(types[0], leaves.get(i).region().get(0).min());
            }
            return new LeafLocator(ordinals, types, bounds, null, null, null, null);
        }
        Map<String, Integer> leafIndex = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            leafIndex.put(leaves.get(i).id(), i);
        }
        // Internal nodes in the order met walking down from the root, so the root is node 0.
        List<Partition> nodes = new ArrayList<>();
        Map<String, Integer> nodeIndex = new HashMap<>();
        java.util.ArrayDeque<Partition> toVisit = new java.util.ArrayDeque<>(List.of(tree.root()));
        while (!toVisit.isEmpty()) {
            Partition p = toVisit.pop();
            if (!p.isLeaf()) {
                nodeIndex.put(p.id(), nodes.size());
                nodes.add(p);
                p.childIds().forEach(id -> toVisit.push(tree.partition(id).orElseThrow()));
            }
        }
        int n = nodes.size();
        int[] dims = new int[n];
        Object[] points = new Object[n];
        int[] left = new int[n];
        int[] right = new int[n];
        for (int i = 0; i < n; i++) {
            Partition p = nodes.get(i);
            Partition high = tree.partition(p.childIds().get(1)).orElseThrow();
            dims[i] = p.splitDimension();
            points[i] = internal(types[dims[i]], high.region().get(dims[i]).min());
            left[i] = child(tree.partition(p.childIds().get(0)).orElseThrow(), nodeIndex, leafIndex);
            right[i] = child(high, nodeIndex, leafIndex);
        }
        return new LeafLocator(ordinals, types, null, dims, points, left, right);
    }

    private static int child(Partition p, Map<String, Integer> nodeIndex, Map<String, Integer> leafIndex) {
        return p.isLeaf() ? -1 - leafIndex.get(p.id()) : nodeIndex.get(p.id());
    }

    /** Timestamps and dates are stored as microseconds (long) and days (int), as Spark's internal rows hold them. */
    private static boolean isNumeric(PrimitiveType type) {
        return type == PrimitiveType.LONG || type == PrimitiveType.INT || type == PrimitiveType.TIMESTAMP || type == PrimitiveType.DATE;
    }

    private static boolean isLong(PrimitiveType type) {
        return type == PrimitiveType.LONG || type == PrimitiveType.TIMESTAMP;
    }

    /** A bound in the form Spark's internal rows hold values of its type. */
    private static Object internal(PrimitiveType type, Object value) {
        return switch (type) {
            case STRING -> UTF8String.fromString((String) value);
            case TIMESTAMP -> TypedValues.micros((Instant) value);
            case DATE -> TypedValues.days((LocalDate) value);
            default -> value;
        };
    }

    /** The row ordinal of the first row-key field. */
    int firstKeyOrdinal() {
        return keyOrdinals[0];
    }

    PrimitiveType firstKeyType() {
        return keyTypes[0];
    }

    /** The index in {@code tree.leaves()} of the leaf whose region holds the row's key. */
    public int leafOf(InternalRow row) {
        if (longBounds != null) {
            int ordinal = keyOrdinals[0];
            return searchLongs(isLong(keyTypes[0]) ? row.getLong(ordinal) : row.getInt(ordinal));
        }
        if (lowerBounds != null) {
            int lo = 1;
            int hi = lowerBounds.length - 1;
            int found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(row, 0, lowerBounds[mid]) >= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
        int node = 0;
        while (true) {
            int next = compare(row, dimension[node], splitPoint[node]) < 0 ? below[node] : atOrAbove[node];
            if (next < 0) {
                return -1 - next;
            }
            node = next;
        }
    }

    /**
     * Whether the row's key lies in leaf {@code leaf}: two comparisons with its bounds in a one-dimensional
     * tree, where {@link #leafOf} searches; for rows that mostly stay in the leaf of the row before.
     */
    public boolean holds(InternalRow row, int leaf) {
        if (longBounds != null) {
            int ordinal = keyOrdinals[0];
            long key = isLong(keyTypes[0]) ? row.getLong(ordinal) : row.getInt(ordinal);
            return (leaf == 0 || longBounds[leaf] <= key) && (leaf + 1 == longBounds.length || key < longBounds[leaf + 1]);
        }
        if (lowerBounds != null) {
            return (leaf == 0 || compare(row, 0, lowerBounds[leaf]) >= 0)
                    && (leaf + 1 == lowerBounds.length || compare(row, 0, lowerBounds[leaf + 1]) < 0);
        }
        return leafOf(row) == leaf;
    }

    /** The last leaf whose lower bound is at most the key; leaf 0's bound is unbounded and never compared. */
    private int searchLongs(long key) {
        int lo = 1;
        int hi = longBounds.length - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (longBounds[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private int compare(InternalRow row, int keyIndex, Object bound) {
        int ordinal = keyOrdinals[keyIndex];
        return switch (keyTypes[keyIndex]) {
            case INT, DATE -> Integer.compare(row.getInt(ordinal), (Integer) bound);
            case LONG, TIMESTAMP -> Long.compare(row.getLong(ordinal), (Long) bound);
            case STRING -> row.getUTF8String(ordinal).compareTo((UTF8String) bound);
            case BYTE_ARRAY -> Arrays.compareUnsigned(row.getBinary(ordinal), (byte[]) bound);
            default -> throw new IllegalStateException(keyTypes[keyIndex] + " is not a key type");
        };
    }
}
