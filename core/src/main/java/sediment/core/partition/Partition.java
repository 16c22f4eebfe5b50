package sediment.core.partition;

import java.util.List;

/**
 * A node of the partition tree. A leaf has no children and is where new data goes; a split
 * partition has exactly two children, cut on {@code splitDimension} at the second child's min.
 *
 * @param region one range per row-key field
 */
public record Partition(String id, String parentId, List<String> childIds, List<Range> region, int splitDimension)
        implements java.io.Serializable {

    public Partition {
        childIds = List.copyOf(childIds);
        region = List.copyOf(region);
    }

    public boolean isLeaf() {
        return childIds.isEmpty();
    }

    public boolean isRoot() {
        return parentId == null;
    }

    static Partition leaf(String id, String parentId, List<Range> region) {
        return new Partition(id, parentId, List.of(), region, -1);
    }
}
