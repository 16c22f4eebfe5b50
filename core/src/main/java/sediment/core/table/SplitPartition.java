package sediment.core.table;

import sediment.core.error.CommitConflictException;
import sediment.core.error.InvalidInputException;

/** Cuts a leaf partition in two on one row-key field. Files already in the leaf stay referenced to it. */
public record SplitPartition(String partitionId, int dimension, Object splitPoint) implements Transaction {
    @Override
    public void validate(TableState state) {
        try {
            state.partitions().split(partitionId, dimension, splitPoint);
        } catch (InvalidInputException e) {
            throw new CommitConflictException(e.getMessage());
        }
    }

    @Override
    public void apply(TableState.Builder state) {
        state.partitions = state.partitions.split(partitionId, dimension, splitPoint);
    }
}
