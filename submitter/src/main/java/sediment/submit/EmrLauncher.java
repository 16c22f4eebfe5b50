package sediment.submit;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Transient EMR: one RunJobFlow per job, a cluster that runs the job's step and terminates. */
public final class EmrLauncher implements PlatformLauncher {
    private final EmrClient emr;

    public EmrLauncher(EmrClient emr) {
        this.emr = emr;
    }

    @Override
    public String launch(LaunchPlan plan) {
        try {
            RunJobFlowResponse response = emr.runJobFlow(EmrRequests.transientCluster(plan));
            return "EMR cluster " + response.jobFlowId() + " (" + EmrRequests.transientClusterName(plan) + ")";
        } catch (SdkException e) {
            throw AwsFailure.of("create EMR cluster for job " + plan.job().id(), e);
        }
    }

    @Override
    public Optional<String> findLaunched(LaunchPlan plan, Instant claimed) {
        String name = EmrRequests.transientClusterName(plan);
        try {
            return emr.listClustersPaginator(ListClustersRequest.builder().createdAfter(claimed.minus(Duration.ofMinutes(5))).build())
                    .clusters().stream().filter(c -> name.equals(c.name())).map(ClusterSummary::id).findFirst()
                    .map(id -> "EMR cluster " + id + " (" + name + ")");
        } catch (SdkException e) {
            throw AwsFailure.of("look for the EMR cluster of job " + plan.job().id(), e);
        }
    }
}
