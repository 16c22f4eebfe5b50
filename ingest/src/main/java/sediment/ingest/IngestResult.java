package sediment.ingest;

import sediment.core.job.JobResult;

import java.util.Locale;

/** What an ingest committed: rows, files (one per leaf per round), how many sorted runs it spilled, and how fast. */
public record IngestResult(String jobId, String tableName, long rows, int files, int runsSpilled, int rounds, double seconds,
                           long tableVersion, boolean alreadyCommitted) {

    public String summary() {
        if (alreadyCommitted) {
            return JobResult.alreadyCommittedSummary(jobId, tableName, tableVersion);
        }
        if (files == 0) {
            return JobResult.noInputSummary(jobId, tableName);
        }
        return String.format(Locale.ROOT, "Job %s ingested %,d rows into %d files of table %s in %.1f s (%,.0f rows/s; %d sorted"
                        + " runs spilled, %d round%s); table version %d.", jobId, rows, files, tableName, seconds,
                seconds > 0 ? rows / seconds : 0, runsSpilled, rounds, rounds == 1 ? "" : "s", tableVersion);
    }
}
