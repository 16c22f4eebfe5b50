package sediment.core.table;

import sediment.core.error.CommitConflictException;
import sediment.core.partition.Partition;

import java.util.List;

/** Adds the output files of one job. Committing the same job id twice is refused by the log. */
public record AddFiles(String jobId, List<FileReference> files) implements Transaction {
    public AddFiles {
        files = List.copyOf(files);
    }

    @Override
    public void validate(TableState state) {
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (FileReference file : files) {
            if (!paths.add(file.path())) {
                throw new CommitConflictException("Cannot add file " + file.path() + ": it is listed twice in job " + jobId);
            }
            Partition p = state.partitions().partition(file.partitionId()).orElseThrow(() -> new CommitConflictException(
                    "Cannot add file " + file.path() + ": partition " + file.partitionId() + " does not exist"));
            if (!p.isLeaf()) {
                throw new CommitConflictException("Cannot add file " + file.path() + ": partition " + p.id()
                        + " is not a leaf (it was split into " + String.join(" and ", p.childIds()) + ")");
            }
            if (state.files().containsKey(file.path())) {
                throw new CommitConflictException("Cannot add file " + file.path() + ": the table already holds it");
            }
        }
    }

    @Override
    public void apply(TableState.Builder state) {
        for (FileReference file : files) {
            state.files.put(file.path(), file);
        }
    }
}
