package sediment.submit;

import sediment.core.error.SedimentException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** ECS: one Fargate task per standard ingest job, whose container runs the ingest of that job. */
public final class EcsLauncher implements PlatformLauncher {
    private final EcsClient client;

    public EcsLauncher(EcsClient client) {
        this.client = client;
    }

    @Override
    public String launch(LaunchPlan plan) {
        RunTaskRequest request = EcsRequests.runTask(plan);
        RunTaskResponse response;
        try {
            response = client.runTask(request);
        } catch (SdkException e) {
            throw AwsFailure.of("start an ECS task for job " + plan.job().id() + " on cluster " + request.cluster(), e);
        }
        if (!response.hasTasks() || response.tasks().isEmpty()) {
            // ECS answered and started nothing, mostly for want of capacity: the job was not launched, and the queue
            // listener tries it again later.
            throw new SedimentException("ECS started no task for job " + plan.job().id() + " on cluster " + request.cluster()
                    + ": " + failures(response.failures()));
        }
        return where(response.tasks().get(0).taskArn(), request.cluster());
    }

    /**
     * The task an earlier attempt started: one started by this job id on the cluster, running or stopped, tagged
     * with this instance. ECS lists stopped tasks for about an hour after they stop.
     */
    @Override
    public Optional<String> findLaunched(LaunchPlan plan, Instant claimed) {
        String cluster = EcsTaskSettings.from(plan.settings()).cluster();
        try {
            List<String> arns = new ArrayList<>();
            for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                client.listTasksPaginator(r -> r.cluster(cluster).startedBy(plan.job().id()).desiredStatus(status))
                        .taskArns().forEach(arns::add);
            }
            if (arns.isEmpty()) {
                return Optional.empty();
            }
            return client.describeTasks(r -> r.cluster(cluster).tasks(arns).include(TaskField.TAGS)).tasks().stream()
                    .filter(task -> tagged(task, "sediment-instance", plan.instanceId()))
                    .map(Task::taskArn).findFirst().map(arn -> where(arn, cluster));
        } catch (SdkException e) {
            throw AwsFailure.of("look for the ECS task of job " + plan.job().id() + " on cluster " + cluster, e);
        }
    }

    private static boolean tagged(Task task, String key, String value) {
        return task.hasTags() && task.tags().stream().anyMatch(t -> key.equals(t.key()) && value.equals(t.value()));
    }

    private static String failures(List<Failure> failures) {
        if (failures == null || failures.isEmpty()) {
            return "it gave no reason";
        }
        return failures.stream().map(f -> String.join(" ", java.util.stream.Stream.of(f.reason(), f.detail(), f.arn())
                .filter(v -> v != null && !v.isBlank()).toList())).collect(Collectors.joining("; "));
    }

    /** How the submission record says where the job runs; {@code status} reads the ids back from it. */
    static String where(String taskArn, String cluster) {
        return "ECS task " + taskArn + " on cluster " + cluster;
    }
}
