package sediment.core.status;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;

/**
 * The latest known state of a job. Finished jobs carry rows, files, seconds and the rate; failed
 * and rejected jobs carry the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(String jobId, String kind, String tableName, State state, String updated, String platform,
                        String runId, Long rows, Integer files, Double seconds, Double rowsPerSecond, String reason) {

    public enum State {
        ACCEPTED, REJECTED, STARTED, FINISHED, FAILED
    }

    public static JobStatus accepted(String jobId, String kind, String table, String platform) {
        return new JobStatus(jobId, kind, table, State.ACCEPTED, null, platform, null, null, null, null, null, null);
    }

    public JobStatus started() {
        return new JobStatus(jobId, kind, tableName, State.STARTED, null, platform, runId, null, null, null, null, null);
    }

    /** The same job, run by the run with this id (statuses a run records carry it, so status can find its heartbeat). */
    public JobStatus inRun(String id) {
        return new JobStatus(jobId, kind, tableName, state, updated, platform, id, rows, files, seconds, rowsPerSecond, reason);
    }

    public JobStatus finished(long rowCount, int fileCount, double secs, String note) {
        return new JobStatus(jobId, kind, tableName, State.FINISHED, null, platform, runId, rowCount, fileCount, secs,
                secs > 0 ? rowCount / secs : null, note);
    }

    public JobStatus failed(String why) {
        return new JobStatus(jobId, kind, tableName, State.FAILED, null, platform, runId, null, null, null, null, why);
    }

    public JobStatus rejected(String why) {
        return new JobStatus(jobId, kind, tableName, State.REJECTED, null, platform, runId, null, null, null, null, why);
    }

    /** The same status with a remark for the reader, e.g. that a started job's process seems to have died. */
    public JobStatus withReason(String why) {
        return new JobStatus(jobId, kind, tableName, state, updated, platform, runId, rows, files, seconds, rowsPerSecond, why);
    }

    JobStatus at(String time) {
        return new JobStatus(jobId, kind, tableName, state, time, platform, runId, rows, files, seconds, rowsPerSecond, reason);
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-38s %-11s %-9s table=%s", jobId, kind, state, tableName));
        if (platform != null) {
            sb.append(" platform=").append(platform);
        }
        if (runId != null) {
            sb.append(" run=").append(runId);
        }
        if (updated != null) {
            sb.append(" at ").append(updated);
        }
        if (state == State.FINISHED) {
            sb.append(String.format(Locale.ROOT, " rows=%d files=%d seconds=%.1f rows/s=%.0f", rows, files, seconds,
                    rowsPerSecond == null ? 0.0 : rowsPerSecond));
        }
        if (reason != null) {
            sb.append(state == State.FINISHED ? " note: " : " reason: ").append(reason);
        }
        return sb.toString();
    }
}
