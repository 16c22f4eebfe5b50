package sediment.submit;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An ECS ingest task as {@code status} shows it (DescribeTasks): its last status, whether its container ran to its end
 * and exited 0, and
 * where its logs are (the awslogs settings of its task definition, DescribeTaskDefinition).
 */
final class EcsTaskStatus {
    private final EcsClient ecs;
    private final String region;

    EcsTaskStatus(EcsClient ecs, String region) {
        this.ecs = ecs;
        this.region = region;
    }

    PlatformView view(SubmissionStore.Submission submission, String cluster, String taskArn) {
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        List<String> look = new ArrayList<>();
        look.add("ECS console: https://" + region + ".console.aws.amazon.com/ecs/v2/clusters/" + cluster + "/tasks/" + taskId
                + "?region=" + region);
        DescribeTasksResponse response = ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn));
        if (!response.hasTasks() || response.tasks().isEmpty()) {
            return PlatformStatus.view(submission, "task unknown to ECS", true, false, "ECS no longer lists the task (it keeps"
                    + " stopped tasks for about an hour)", look);
        }
        Task task = response.tasks().get(0);
        Optional<Container> container = task.hasContainers() && !task.containers().isEmpty()
                ? Optional.of(task.containers().get(0)) : Optional.empty();
        logs(task, container.map(Container::name).orElse(null), taskId).ifPresent(look::add);
        boolean ended = "STOPPED".equals(task.lastStatus());
        // A task whose container ran to its end stops with EssentialContainerExited; one stopped by someone (StopTask,
        // a failed health check, a Spot interruption) has another stop code, whatever its container's exit code.
        boolean succeeded = ended && "EssentialContainerExited".equals(task.stopCodeAsString())
                && container.map(Container::exitCode).filter(code -> code == 0).isPresent();
        String reason = !ended || succeeded ? null : String.join("; ", Stream.of(task.stopCodeAsString(), task.stoppedReason(),
                container.map(c -> c.exitCode() == null ? null : "container " + c.name() + " exited with " + c.exitCode()).orElse(null),
                container.map(Container::reason).orElse(null)).filter(v -> v != null && !v.isBlank()).toList());
        return PlatformStatus.view(submission, "task " + task.lastStatus(), ended, succeeded,
                reason == null || !reason.isEmpty() ? reason : "the task stopped", look);
    }

    /** Where the container's awslogs driver sends its output, from the task definition; empty if it sends none. */
    private Optional<String> logs(Task task, String containerName, String taskId) {
        List<ContainerDefinition> definitions = ecs.describeTaskDefinition(r -> r.taskDefinition(task.taskDefinitionArn()))
                .taskDefinition().containerDefinitions();
        Optional<LogConfiguration> awslogs = definitions.stream()
                .filter(d -> containerName == null || containerName.equals(d.name()))
                .map(ContainerDefinition::logConfiguration)
                .filter(c -> c != null && "awslogs".equals(c.logDriverAsString()) && c.hasOptions()).findFirst();
        if (awslogs.isEmpty()) {
            return Optional.of("logs: the task definition sends none to CloudWatch (give its container an awslogs"
                    + " logConfiguration, as ecs/task-definition.json does)");
        }
        String group = awslogs.get().options().get("awslogs-group");
        String prefix = awslogs.get().options().get("awslogs-stream-prefix");
        String stream = prefix == null ? "" : prefix + "/" + containerName + "/" + taskId;
        return Optional.of("logs: aws logs tail " + group + (stream.isEmpty() ? "" : " --log-stream-names " + stream)
                + " --region " + region + " (add --follow while it runs)");
    }
}
