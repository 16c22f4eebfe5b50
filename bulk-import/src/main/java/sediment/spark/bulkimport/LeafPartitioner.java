package sediment.spark.bulkimport;

import org.apache.spark.Partitioner;

/** Sends the batch keyed by leaf index i to the Spark partition of i's group, so each reduce task holds whole leaves. */
final class LeafPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final LeafGroups groups;

    LeafPartitioner(LeafGroups groups) {
        this.groups = groups;
    }

    @Override
    public int numPartitions() {
        return groups.count();
    }

    @Override
    public int getPartition(Object leafIndex) {
        return groups.groupOf((Integer) leafIndex);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafPartitioner p && p.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }
}
