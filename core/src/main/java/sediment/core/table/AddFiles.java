package sediment.core.table;

import sediment.core.error.CommitConflictException;
import sediment.core.error.RunRevokedException;
import sediment.core.partition.Partition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds the output files of one run of a job, each on the partition its writer chose (a leaf then; it
 * may have been split since). Committing the same job id twice is refused by the log, and so is a run
 * that gc has revoked.
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
            // A partition split since the writer planned keeps the file, as a split keeps the files already on it:
            // its region still holds the file's keys, and readers and compaction look at a leaf's ancestors too.
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
