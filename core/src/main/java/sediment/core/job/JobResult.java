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
}
