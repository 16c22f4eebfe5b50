package sediment.spark.bulkimport;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which leaves each write task holds: contiguous runs of the tree's leaves, as even in count as they
 * can be. A task per leaf costs a task's scheduling and a sort's set-up per leaf, which for thousands
 * of small leaves is most of the job; a few leaves per task write the same files in fewer tasks.
 */
final class LeafGroups implements Serializable {
    private static final long serialVersionUID = 1L;

    // Group g holds leaves firstLeaf[g] .. firstLeaf[g + 1] - 1.
    private final int[] firstLeaf;
    private final int[] groupOfLeaf;

    private LeafGroups(int[] firstLeaf, int leafCount) {
        this.firstLeaf = firstLeaf;
        this.groupOfLeaf = new int[leafCount];
        for (int g = 0; g + 1 < firstLeaf.length; g++) {
            Arrays.fill(groupOfLeaf, firstLeaf[g], firstLeaf[g + 1], g);
        }
    }

    /** {@code tasks} groups (at most one per leaf), the first {@code leafCount % tasks} of them one leaf larger. */
    static LeafGroups of(int leafCount, int tasks) {
        int groups = Math.max(1, Math.min(leafCount, tasks));
        int[] first = new int[groups + 1];
        for (int g = 0; g <= groups; g++) {
            first[g] = (int) ((long) leafCount * g / groups);
        }
        return new LeafGroups(first, leafCount);
    }

    /** One leaf per group: for trees whose leaves are not contiguous in row-key order. */
    static LeafGroups onePerLeaf(int leafCount) {
        return of(leafCount, leafCount);
    }

    int count() {
        return firstLeaf.length - 1;
    }

    int groupOf(int leaf) {
        return groupOfLeaf[leaf];
    }

    int firstLeaf(int group) {
        return firstLeaf[group];
    }

    int lastLeaf(int group) {
        return firstLeaf[group + 1] - 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafGroups g && Arrays.equals(g.firstLeaf, firstLeaf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(firstLeaf);
    }
}
