package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.job.BulkImportValidator;
import sediment.core.status.CommittedJob;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a standard ingest job: the seed's job JSON ({@code id}, {@code tableName}, {@code files}),
 * validated exactly as a bulk import job is, read a few files at a time ({@link InputFiles}; each a page at a
 * time, so memory does not grow with the input's row groups) into an {@link IngestRecords} and committed at the end. Records the job's status (kind {@code ingest}) as every job does.
 */
public final class IngestJobRunner {
    public static final String KIND = "ingest";

    private final Instance instance;
    private final Configuration conf;

    public IngestJobRunner(Instance instance, Configuration conf) {
        this.instance = instance;
        this.conf = conf;
    }

    /** What happened, and problems that did not stop the commit (a status that could not be recorded). */
    public record Outcome(IngestResult result, List<String> warnings) {
    }

    public Outcome run(BulkImportJob job, String platform, IngestProgress progress) {
        JobStatusStore statuses = new JobStatusStore(instance);
        JobStatus status = JobStatus.accepted(job.id(), KIND, job.tableName(), platform);
        List<String> warnings = new ArrayList<>();
        Optional<IngestResult> committed = answerIfCommitted(job);
        if (committed.isPresent()) {
            CommittedJob.recordIfUnrecorded(instance, instance.table(job.tableName()), job.id(), KIND, platform)
                    .ifPresent(warnings::add);
            return new Outcome(committed.get(), warnings);
        }
        BulkImportValidator.ValidatedJob validated;
        try {
            validated = BulkImportValidator.validate(instance, job, conf, null, "Ingest job");
        } catch (SedimentException e) {
            statuses.tryRecord(status.failed(e.getMessage()));
            throw e;
        }
        Table table = validated.table();
        IngestSettings settings = IngestSettings.from(table.settings(job.platformSpec()), job.platformSpec());
        try (IngestRecords ingest = IngestRecords.open(table, job.id(), settings, job.platformSpec(), conf, progress)) {
            JobStatus started = status.inRun(ingest.runId()).started();
            statuses.tryRecord(started).ifPresent(warnings::add);
            try {
                new InputFiles(job.id(), conf, Runtime.getRuntime().availableProcessors(), validated.keyColumnsToCheck())
                        .read(validated.inputFiles(), ingest, progress);
                IngestResult result = ingest.commit();
                if (result.alreadyCommitted()) {
                    CommittedJob.recordIfUnrecorded(instance, table, job.id(), KIND, platform).ifPresent(warnings::add);
                } else {
                    statuses.tryRecord(started.finished(result.rows(), result.files(), result.seconds(),
                            result.files() == 0 ? "no input rows; nothing committed" : null)).ifPresent(warnings::add);
                }
                return new Outcome(result, warnings);
            } catch (SedimentException e) {
                statuses.tryRecord(started.failed(e.getMessage()));
                throw e;
            } catch (RuntimeException e) {
                String reason = "Ingest job " + job.id() + " failed; nothing was committed: " + SedimentException.rootMessage(e);
                statuses.tryRecord(started.failed(reason));
                throw new SedimentException(reason, e);
            }
        }
    }

    /** The answer for a job id the table has already committed, from the log alone, or empty. */
    public Optional<IngestResult> answerIfCommitted(BulkImportJob job) {
        java.util.OptionalLong version = CommittedJob.committedAt(instance, job.tableName(), job.id());
        return version.isEmpty() ? Optional.empty()
                : Optional.of(new IngestResult(job.id(), job.tableName(), 0, 0, 0, 0, 0, version.getAsLong(), true));
    }
}
