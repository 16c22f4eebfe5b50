package sediment.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.status.JobStatus;
import sediment.core.util.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's own record merged with its platform's view. The job's record wins when it has an outcome: a Spark
 * job can fail while the platform reports success (a Step Functions execution whose spark-submit ended
 * cleanly), so a recorded failure is a failure. Without an outcome, the platform decides: still running,
 * failed with the platform's reason, or lost when the platform ended the job and the job never said how.
 *
 * @param state  ACCEPTED, REJECTED, STARTED, FINISHED, FAILED as recorded, or RUNNING or LOST from the platform
 * @param reason why, when the state is not what the job's own record says, else the record's reason
 */
public record CombinedStatus(String state, String reason, JobStatus recorded, PlatformView platform) {

    public static CombinedStatus of(JobStatus recorded, PlatformView platform) {
        JobStatus.State own = recorded.state();
        if (platform == null) {
            return new CombinedStatus(own.name(), recorded.reason(), recorded, null);
        }
        if (own == JobStatus.State.FINISHED || own == JobStatus.State.REJECTED) {
            return new CombinedStatus(own.name(), recorded.reason(), recorded, platform);
        }
        if (own == JobStatus.State.FAILED) {
            String reason = recorded.reason();
            if (platform.succeeded()) {
                reason = (reason == null ? "" : reason + "; ") + "the platform reports " + platform.state()
                        + ", but the job recorded that it failed";
            }
            return new CombinedStatus(own.name(), reason, recorded, platform);
        }
        if (!platform.ended()) {
            return new CombinedStatus("RUNNING", platform.state() + " on " + platform.platform(), recorded, platform);
        }
        if (!platform.succeeded()) {
            return new CombinedStatus("FAILED", platform.platform() + " ended the job: " + platform.reason(), recorded, platform);
        }
        return new CombinedStatus("LOST", platform.platform() + " ended the job (" + platform.state() + ") but the job recorded no"
                + " outcome (last recorded " + own + "): it may have been killed before it could; see its logs, and rerun it"
                + " with a new id", recorded, platform);
    }

    /** What {@code status JOB} prints: the merged state first, then the job's own record, the platform's view, where to look. */
    public List<String> lines() {
        if (platform == null) {
            return List.of(recorded.summary());
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "%-38s %-11s %-9s table=%s platform=%s", recorded.jobId(), recorded.kind(),
                state, recorded.tableName(), platform.platform()) + (reason == null ? "" : " reason: " + reason));
        lines.add("  recorded by the job: " + recorded.summary());
        lines.add("  on the platform: " + platform.launchedOn() + ": " + platform.state()
                + (platform.reason() == null ? "" : " (" + platform.reason() + ")"));
        platform.look().forEach(l -> lines.add("  " + l));
        return lines;
    }

    /**
     * The job's record as {@code status --json} always shows it, with {@code state} and {@code reason} merged,
     * the record's own state as {@code recordedState} and the platform's view as {@code platformView}.
     */
    public ObjectNode json() {
        ObjectNode node = Json.MAPPER.valueToTree(recorded);
        if (platform != null) {
            node.put("state", state);
            node.put("recordedState", recorded.state().name());
            if (reason != null) {
                node.put("reason", reason);
            }
            node.set("platformView", Json.MAPPER.valueToTree(platform));
        }
        return node;
    }
}
