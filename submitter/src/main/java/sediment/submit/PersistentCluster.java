package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyLayers;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;

import java.util.Map;
import java.util.Optional;

/** Creates and terminates the instance's persistent EMR cluster, which jobs are added to as steps. */
public final class PersistentCluster {
    private final EmrClient emr;
    private final PropertyLayers instanceSettings;

    public PersistentCluster(EmrClient emr, Map<String, String> instanceProperties) {
        this.emr = emr;
        this.instanceSettings = new PropertyLayers(instanceProperties, Map.of(), Map.of());
    }

    public String name() {
        return EmrRequests.persistentClusterName(instanceSettings);
    }

    /** Creates the cluster unless an active one of that name exists; returns its id and whether it was created. */
    public record Result(String clusterId, boolean created) {
    }

    public Result create() {
        var request = EmrRequests.persistentCluster(instanceSettings);
        Optional<String> existing = active();
        if (existing.isPresent()) {
            return new Result(existing.get(), false);
        }
        try {
            return new Result(emr.runJobFlow(request).jobFlowId(), true);
        } catch (SdkException e) {
            throw AwsFailure.of("create the persistent EMR cluster " + name(), e);
        }
    }

    public String terminate() {
        String id = active().orElseThrow(() -> new InvalidInputException("No active EMR cluster named " + name()));
        try {
            emr.terminateJobFlows(r -> r.jobFlowIds(id));
        } catch (SdkException e) {
            throw AwsFailure.of("terminate the persistent EMR cluster " + id, e);
        }
        return id;
    }

    private Optional<String> active() {
        try {
            return emr.listClustersPaginator(ListClustersRequest.builder()
                            .clusterStates(ClusterState.STARTING, ClusterState.BOOTSTRAPPING, ClusterState.RUNNING, ClusterState.WAITING)
                            .build())
                    .clusters().stream().filter(c -> name().equals(c.name())).map(c -> c.id()).findFirst();
        } catch (SdkException e) {
            throw AwsFailure.of("list EMR clusters", e);
        }
    }
}
