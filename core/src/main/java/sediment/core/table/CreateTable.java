package sediment.core.table;

import sediment.core.error.CommitConflictException;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;

/** The first entry of every table's log. */
public record CreateTable(Schema schema, PartitionTree partitions) implements Transaction {
    @Override
    public void validate(TableState state) {
        if (state != null && state.schema() != null) {
            throw new CommitConflictException("Cannot create table " + state.tableName() + ": it already exists");
        }
    }

    @Override
    public void apply(TableState.Builder state) {
        state.schema = schema;
        state.partitions = partitions;
    }
}
