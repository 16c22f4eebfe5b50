package sediment.submit;

import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

import java.util.ArrayList;
import java.util.List;

/** The ECS request of the standard ingest: one Fargate task per job, running the job in its container. */
public final class EcsRequests {
    private EcsRequests() {
    }

    /**
     * What the container runs: the command line's {@code ingest} with the job contract's arguments. The image's
     * entry point is the command line, so the same task definition runs the queue listener when the command
     * is {@code queue listen --kind ingest ...} instead (ecs/README.md).
     */
    public static List<String> ingestCommand(LaunchPlan plan) {
        List<String> command = new ArrayList<>(List.of("ingest"));
        command.addAll(plan.jobArguments().toList());
        return command;
    }

    /**
     * One task of the instance's ingest task definition on Fargate, in its subnets and security groups, with the
     * task's and the container's CPU and memory from the instance properties. {@code startedBy} is the job id (a
     * DNS label, within ECS's limit), which is how a later attempt finds the task; the client token, from the
     * instance and the job id, makes a retried request start no second task.
     */
    public static RunTaskRequest runTask(LaunchPlan plan) {
        EcsTaskSettings task = EcsTaskSettings.from(plan.settings());
        AwsVpcConfiguration.Builder vpc = AwsVpcConfiguration.builder()
                .subnets(task.subnets())
                .assignPublicIp(task.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED);
        if (!task.securityGroups().isEmpty()) {
            vpc.securityGroups(task.securityGroups());
        }
        return RunTaskRequest.builder()
                .cluster(task.cluster())
                .taskDefinition(task.taskDefinition())
                .launchType(LaunchType.FARGATE)
                .count(1)
                .startedBy(plan.job().id())
                .clientToken(ClientTokens.forJob(plan))
                .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(vpc.build()).build())
                .overrides(TaskOverride.builder()
                        .cpu(task.cpu())
                        .memory(task.memory())
                        .containerOverrides(ContainerOverride.builder()
                                .name(task.containerName())
                                .command(ingestCommand(plan))
                                .cpu(Integer.parseInt(task.cpu()))
                                .memory(Integer.parseInt(task.memory()))
                                .build())
                        .build())
                .tags(Tag.builder().key("sediment-instance").value(plan.instanceId()).build(),
                        Tag.builder().key("sediment-job-id").value(plan.job().id()).build())
                .build();
    }
}
