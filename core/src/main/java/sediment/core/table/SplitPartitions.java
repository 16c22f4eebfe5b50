package sediment.core.table;

import sediment.core.error.CommitConflictException;
import sediment.core.error.InvalidInputException;
import sediment.core.partition.PartitionTree;

import java.util.List;

/**
 * Cuts many leaves at once, in order (a later split may cut a leaf an earlier one made): how a bulk import
 * extends the tree before it writes (see {@code sleeper.table.bulk.import.min.leaf.partitions}). One entry,
 * so the extension lands whole or not at all and costs one commit rather than one per leaf. If another writer
 * split one of the leaves first, the entry conflicts and the writer plans again on the new tree.
 */
public record SplitPartitions(List<PartitionTree.Split> splits) implements Transaction {
    public SplitPartitions {
        splits = List.copyOf(splits);
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("no splits");
        }
    }

    @Override
    public void validate(TableState state) {
        try {
            state.partitions().splitAll(splits);
        } catch (InvalidInputException e) {
            throw new CommitConflictException(e.getMessage());
        }
    }

    @Override
    public void apply(TableState.Builder state) {
        state.partitions = state.partitions.splitAll(splits);
    }
}
