package sediment.submit;

import sediment.core.job.JobKind;

import com.fasterxml.jackson.databind.JsonNode;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Submits a job to a platform: plan and check it, claim its id (a job id launches at most once),
 * write the spec where the cluster reads it, launch, and record the outcome in the job status store.
 */
public final class Submitter {
    private final LaunchPlanner planner;
    private final Launchers launchers;
    private final boolean requireRemoteInstance;
    private final JobStatusStore statuses;
    private final SubmissionStore submissions;

    /** @param requireRemoteInstance refuse to send a cluster a local instance it cannot read (false only in tests) */
    public Submitter(LaunchPlanner planner, Launchers launchers, boolean requireRemoteInstance) {
        this.planner = planner;
        this.launchers = launchers;
        this.requireRemoteInstance = requireRemoteInstance;
        this.statuses = new JobStatusStore(planner.instance());
        this.submissions = new SubmissionStore(planner.instance());
    }

    /** @param earlier true when an earlier attempt had launched the job and this one only found it */
    public record Outcome(String jobId, String launchedOn, boolean earlier) {
    }

    public LaunchPlan plan(SubmittedJob job, Platform platform) {
        if (job.kind() == JobKind.INGEST && platform != Platform.LOCAL) {
            throw new InvalidInputException("Cannot submit ingest job " + job.id() + " to " + platform + ": a standard ingest"
                    + " runs without Spark in the process that takes it (--platform local, or 'queue listen --kind ingest"
                    + " --platform local'); an ECS platform for it is not built yet");
        }
        LaunchPlan plan = planner.plan(job, platform);
        if (platform.remote() && requireRemoteInstance && plan.instanceRoot().startsWith("file:")) {
            throw new InvalidInputException("Cannot submit job " + job.id() + " to " + platform + ": the instance "
                    + plan.instanceRoot() + " is on this machine, where the cluster cannot read it; use an s3a:// instance");
        }
        return plan;
    }

    public Outcome submit(SubmittedJob job, Platform platform) {
        return submit(job, platform, null);
    }

    /**
     * Submits a job. If its id was claimed before but the launch was never recorded, and the claim is
     * older than {@code recoverAfter} (so that attempt is over), the platform is asked whether the job
     * was launched: if so that is recorded, else it is launched now. A null {@code recoverAfter} never
     * recovers: an earlier claim is an error.
     */
    public Outcome submit(SubmittedJob job, Platform platform, Duration recoverAfter) {
        LaunchPlan plan = plan(job, platform);
        Optional<SubmissionStore.Submission> earlier = submissions.claim(job.id(), platform);
        if (earlier.isPresent()) {
            SubmissionStore.Submission s = earlier.get();
            boolean stale = recoverAfter != null && !s.launched() && s.platform().equals(platform.cliName())
                    && Instant.parse(s.claimed()).plus(recoverAfter).isBefore(Instant.now());
            if (!stale) {
                throw new AlreadyLaunchedException("Job " + job.id() + " was already submitted to " + s.platform() + " at "
                        + s.claimed() + (s.launched() ? " and runs on " + s.launchedOn() : " (its launch is in progress or"
                        + " its outcome is not known)") + "; give the job a new id to run it again", s.launched());
            }
            Optional<String> found = launchers.forPlatform(platform).findLaunched(plan, Instant.parse(s.claimed()));
            if (found.isPresent()) {
                submissions.launched(job.id(), platform, found.get());
                return new Outcome(job.id(), found.get(), true);
            }
            submissions.release(job.id());
            if (submissions.claim(job.id(), platform).isPresent()) {
                throw new AlreadyLaunchedException("Job " + job.id() + " is being submitted by another submitter", false);
            }
        }
        JobStatus accepted = JobStatus.accepted(job.id(), job.kind().cliName(), job.target(), platform.cliName());
        statuses.record(accepted);
        String where;
        try {
            writeJob(plan);
            where = launchers.forPlatform(platform).launch(plan);
        } catch (AwsFailure e) {
            if (e.definite()) {
                submissions.release(job.id());
                if (!e.throttled()) {
                    statuses.record(accepted.rejected(e.getMessage()));
                }
            }
            throw e;
        } catch (AlreadyLaunchedException e) {
            submissions.launched(job.id(), platform, "an earlier submission (" + e.getMessage() + ")");
            throw e;
        } catch (PersistentEmrLauncher.StepLimitException e) {
            submissions.release(job.id());
            throw e;
        } catch (RuntimeException e) {
            if (platform.remote()) {
                notLaunched(plan, accepted, e);
            } else {
                submissions.release(job.id());
            }
            throw e;
        }
        submissions.launched(job.id(), platform, where);
        return new Outcome(job.id(), where, false);
    }

    private void notLaunched(LaunchPlan plan, JobStatus accepted, RuntimeException why) {
        submissions.release(plan.job().id());
        statuses.record(accepted.rejected(why.getMessage()));
    }

    private void writeJob(LaunchPlan plan) {
        try {
            // Redacted: a secret stays in this process (local runs get it as a Spark setting), never in the instance.
            planner.instance().storage().write(plan.jobUri(), plan.job().redactedJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SedimentException("Cannot write job spec to " + plan.jobUri() + ": " + e.getMessage(), e);
        }
    }

    /** The requests submitting this job would send (or for local, the call it would make), sending nothing. */
    public JsonNode dryRun(SubmittedJob job, Platform platform, String region) {
        LaunchPlan plan = plan(job, platform);
        if (platform == Platform.LOCAL) {
            return Secrets.redact(LocalLauncher.invocation(plan));
        }
        String persistentName = EmrRequests.persistentClusterName(plan.settings());
        String serverlessName = EmrServerlessRequests.applicationName(plan.settings());
        return DryRunHttpClient.requestsOf(region, Map.of(
                "ElasticMapReduce.RunJobFlow", "{\"JobFlowId\":\"j-DRYRUN\"}",
                "ElasticMapReduce.ListClusters", "{\"Clusters\":[{\"Id\":\"<id of the active cluster named " + persistentName
                        + ">\",\"Name\":\"" + persistentName + "\",\"Status\":{\"State\":\"WAITING\"}}]}",
                "ElasticMapReduce.AddJobFlowSteps", "{\"StepIds\":[\"s-DRYRUN\"]}",
                "AWSStepFunctions.StartExecution", "{\"executionArn\":\"dry-run\",\"startDate\":0}",
                "GET /applications", "{\"applications\":[{\"id\":\"<id of the application named " + serverlessName
                        + ">\",\"name\":\"" + serverlessName + "\",\"state\":\"STARTED\"}]}",
                "POST /applications/*/jobruns", "{\"applicationId\":\"dry-run\",\"jobRunId\":\"DRYRUN\",\"arn\":\"dry-run\"}"), clients -> {
            try (Launchers dry = new Launchers(clients)) {
                dry.forPlatform(platform).launch(plan);
            }
        });
    }

}
