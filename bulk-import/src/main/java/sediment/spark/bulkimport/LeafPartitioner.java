package sediment.spark.bulkimport;

import org.apache.spark.Partitioner;

/** Sends the batch keyed by leaf index i to Spark partition i, so each reduce task holds one leaf. */
final class LeafPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int leafCount;

    LeafPartitioner(int leafCount) {
        this.leafCount = leafCount;
    }

    @Override
    public int numPartitions() {
        return leafCount;
    }

    @Override
    public int getPartition(Object leafIndex) {
        return (Integer) leafIndex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafPartitioner p && p.leafCount == leafCount;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(leafCount);
    }
}
