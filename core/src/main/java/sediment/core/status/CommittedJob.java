package sediment.core.status;

import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;

import java.util.List;
import java.util.Optional;

/**
 * What a rerun of a committed job records: nothing, when the run that committed it recorded its
 * outcome (its counts stay the job's status); otherwise, as that run died between its commit and its
 * record, FINISHED with the counts of the job's own log entry.
 */
public final class CommittedJob {
    private CommittedJob() {
    }

    /**
     * The table version at which {@code tableName} holds a job id committed, if it does: what a rerun of a job checks
     * before doing any work (its input may since have been deleted).
     */
    public static java.util.OptionalLong committedAt(Instance instance, String tableName, String jobId) {
        if (tableName == null || !instance.tableExists(tableName)) {
            return java.util.OptionalLong.empty();
        }
        var state = instance.table(tableName).state();
        return state.committedJobIds().contains(jobId) ? java.util.OptionalLong.of(state.version()) : java.util.OptionalLong.empty();
    }

    /** Returns a warning if the status could not be recorded. */
    public static Optional<String> recordIfUnrecorded(Instance instance, Table table, String jobId, String kind, String platform) {
        JobStatusStore statuses = new JobStatusStore(instance);
        boolean recorded = statuses.find(jobId).map(s -> s.state() == JobStatus.State.FINISHED).orElse(false);
        if (recorded) {
            return Optional.empty();
        }
        List<FileReference> files = table.log().findJob(jobId).map(e -> e.transaction() instanceof AddFiles a ? a.files()
                : e.transaction() instanceof sediment.core.table.ReplaceFiles r ? r.addFiles() : List.<FileReference>of())
                .orElse(List.of());
        return statuses.tryRecord(JobStatus.accepted(jobId, kind, table.name(), platform).finished(
                files.stream().mapToLong(FileReference::rows).sum(), files.size(), 0,
                "committed by an earlier run, which stopped before recording it"));
    }
}
