package sediment.submit;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRunSummary;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** EMR Serverless: one StartJobRun per job on the instance's application. */
public final class EmrServerlessLauncher implements PlatformLauncher {
    private final EmrServerlessClient client;

    public EmrServerlessLauncher(EmrServerlessClient client) {
        this.client = client;
    }

    @Override
    public String launch(LaunchPlan plan) {
        String applicationId = new EmrServerlessApplication(client, plan.settings()).applicationId();
        try {
            StartJobRunResponse response = client.startJobRun(EmrServerlessRequests.startJobRun(plan, applicationId));
            return where(response.jobRunId(), applicationId);
        } catch (SdkException e) {
            throw AwsFailure.of("start an EMR Serverless job run for job " + plan.job().id() + " on application " + applicationId, e);
        }
    }

    /** A job run named after the job, created since shortly before the earlier attempt claimed it. */
    @Override
    public Optional<String> findLaunched(LaunchPlan plan, Instant claimed) {
        String applicationId = new EmrServerlessApplication(client, plan.settings()).applicationId();
        try {
            return client.listJobRunsPaginator(r -> r.applicationId(applicationId).createdAtAfter(claimed.minus(Duration.ofMinutes(5))))
                    .jobRuns().stream().filter(run -> plan.job().id().equals(run.name())).map(JobRunSummary::id).findFirst()
                    .map(id -> where(id, applicationId));
        } catch (SdkException e) {
            throw AwsFailure.of("look for the EMR Serverless job run of job " + plan.job().id(), e);
        }
    }

    /** How the submission record says where the job runs; {@code status} reads the ids back from it. */
    static String where(String jobRunId, String applicationId) {
        return "EMR Serverless job run " + jobRunId + " on application " + applicationId;
    }
}
