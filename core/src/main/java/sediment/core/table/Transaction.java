package sediment.core.table;

/**
 * One entry of a table's transaction log. {@link #validate} checks it against the state it would
 * follow and throws if it cannot apply; {@link #apply} then changes that state.
 */
public sealed interface Transaction permits CreateTable, SplitPartition, SplitPartitions, AddFiles, ReplaceFiles, RevokeRuns {

    /** Throws {@link sediment.core.error.CommitConflictException} when this cannot follow {@code state}. */
    void validate(TableState state);

    void apply(TableState.Builder state);

    /** The job this transaction commits the output of, or null. A committed job id is never committed again. */
    default String jobId() {
        return null;
    }

    /** The run that wrote this transaction's files, or null. A run gc has revoked can no longer commit. */
    default String runId() {
        return null;
    }
}
