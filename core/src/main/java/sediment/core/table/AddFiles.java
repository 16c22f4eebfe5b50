package sediment.core.table;

import sediment.core.error.CommitConflictException;
import sediment.core.error.RunRevokedException;
import sediment.core.partition.Partition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds the output files of one run of a job. Committing the same job id twice is refused by the log,
 * and so is a run that gc has revoked.
 *
 * @param runId the run that wrote the files, or null in entries written before runs had ids
 */
public record AddFiles(String jobId, String runId, List<FileReference> files) implements Transaction {
    public AddFiles {
        files = List.copyOf(files);
    }

    public AddFiles(String jobId, List<FileReference> files) {
        this(jobId, null, files);
    }

    @Override
    public void validate(TableState state) {
        checkNotRevoked(state, jobId, runId);
        Set<String> paths = new HashSet<>();
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

    static void checkNotRevoked(TableState state, String jobId, String runId) {
        if (runId != null && state.revokedRunIds().contains(runId)) {
            throw new RunRevokedException("Run " + runId + " of job " + jobId + " was revoked by gc, which found no heartbeat"
                    + " from it for longer than the run lease (sleeper.table.job.lease.timeout.seconds), so it may have deleted"
                    + " the run's files; nothing was committed: run the job again");
        }
    }

    @Override
    public void apply(TableState.Builder state) {
        for (FileReference file : files) {
            state.files.put(file.path(), file);
        }
    }
}
