package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsResponse;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.StepSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;

/**
 * Persistent EMR: finds the instance's long-running cluster by name and adds the job as a step. EMR
 * refuses steps while a cluster has its maximum of active steps; that is retried with backoff, then
 * reported clearly.
 */
public final class PersistentEmrLauncher implements PlatformLauncher {
    private final EmrClient emr;
    private final int stepLimitAttempts;
    private final Duration stepLimitDelay;
    private final Sleeper sleeper;

    /** How the launcher waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public PersistentEmrLauncher(EmrClient emr, int stepLimitAttempts, Duration stepLimitDelay, Sleeper sleeper) {
        this.emr = emr;
        this.stepLimitAttempts = stepLimitAttempts;
        this.stepLimitDelay = stepLimitDelay;
        this.sleeper = sleeper;
    }

    public PersistentEmrLauncher(EmrClient emr) {
        this(emr, 6, Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public String launch(LaunchPlan plan) {
        String name = EmrRequests.persistentClusterName(plan.settings());
        String clusterId = findCluster(emr, name);
        Duration delay = stepLimitDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                AddJobFlowStepsResponse response = emr.addJobFlowSteps(EmrRequests.addStep(plan, clusterId));
                return "step " + response.stepIds().get(0) + " on persistent EMR cluster " + clusterId + " (" + name + ")";
            } catch (AwsServiceException e) {
                if (!isActiveStepLimit(e)) {
                    throw AwsFailure.of("add job " + plan.job().id() + " as a step to persistent EMR cluster " + clusterId, e);
                }
                if (attempt >= stepLimitAttempts) {
                    throw new StepLimitException("Cannot add job " + plan.job().id() + " to persistent EMR cluster " + clusterId
                            + ": it has EMR's maximum number of active steps, still after " + attempt
                            + " attempts; the job was not added, try again when steps have finished", e);
                }
            } catch (SdkException e) {
                throw AwsFailure.of("add job " + plan.job().id() + " as a step to persistent EMR cluster " + clusterId, e);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SedimentException("Interrupted while waiting to add job " + plan.job().id(), e);
            }
            delay = delay.multipliedBy(2);
        }
    }

    @Override
    public Optional<String> findLaunched(LaunchPlan plan, Instant claimed) {
        String clusterId = findCluster(emr, EmrRequests.persistentClusterName(plan.settings()));
        String stepName = EmrRequests.stepName(plan.job());
        try {
            return emr.listStepsPaginator(r -> r.clusterId(clusterId)).steps().stream()
                    .filter(step -> stepName.equals(step.name())).map(StepSummary::id).findFirst()
                    .map(id -> "step " + id + " on persistent EMR cluster " + clusterId);
        } catch (SdkException e) {
            throw AwsFailure.of("look for the step of job " + plan.job().id() + " on cluster " + clusterId, e);
        }
    }

    /** The id of the active cluster with this name. */
    public static String findCluster(EmrClient emr, String name) {
        List<ClusterSummary> matches;
        try {
            matches = emr.listClustersPaginator(ListClustersRequest.builder()
                            .clusterStates(ClusterState.STARTING, ClusterState.BOOTSTRAPPING, ClusterState.RUNNING, ClusterState.WAITING)
                            .build())
                    .clusters().stream().filter(c -> name.equals(c.name())).toList();
        } catch (SdkException e) {
            throw AwsFailure.of("find the persistent EMR cluster " + name, e);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException("No active EMR cluster named " + name
                    + ": create it with 'sediment emr create-persistent-cluster'");
        }
        if (matches.size() > 1) {
            throw new InvalidInputException("More than one active EMR cluster is named " + name + ": "
                    + matches.stream().map(ClusterSummary::id).toList() + "; terminate the extra ones");
        }
        return matches.get(0).id();
    }

    static boolean isActiveStepLimit(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("maximum number of active steps");
    }

    /** EMR still refused the step because the cluster had too many active steps; nothing was added. */
    public static final class StepLimitException extends SedimentException {
        StepLimitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
