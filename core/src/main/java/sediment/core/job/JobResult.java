package sediment.core.job;

import java.util.List;

/**
 * What a job's main reports when the job is done.
 *
 * @param summary  lines for people: what the job did
 * @param warnings what went wrong without failing the job (a status that could not be recorded, say)
 */
public record JobResult(String jobId, String summary, List<String> warnings) {
    public JobResult {
        warnings = List.copyOf(warnings);
    }

    /** What every job that writes a table says when the log shows its id committed already (a replay). */
    public static String alreadyCommittedSummary(String jobId, String tableName, long tableVersion) {
        return "Job " + jobId + " was already committed to table " + tableName + " (version " + tableVersion + "); nothing changed.";
    }

    /** What a bulk import or ingest says when its input held no rows. */
    public static String noInputSummary(String jobId, String tableName) {
        return "Job " + jobId + " found no input rows; nothing was committed to table " + tableName + ".";
    }
}
