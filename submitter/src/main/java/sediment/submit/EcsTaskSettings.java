package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where and how big an ECS ingest task is, from the instance properties, checked before anything is sent: the
 * task definition and subnets are set, the CPU and memory are a size Fargate runs, at most 5 security groups.
 *
 * @param securityGroups empty: ECS uses the VPC's default security group
 */
public record EcsTaskSettings(String cluster, String taskDefinition, String containerName, String cpu, String memory,
                              List<String> subnets, List<String> securityGroups, boolean assignPublicIp) {

    public EcsTaskSettings {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
    }

    public static EcsTaskSettings from(PropertyLayers s) {
        String taskDefinition = Required.property(s, SedimentProperties.INGEST_TASK_DEFINITION_FAMILY);
        List<String> subnets = list(Required.property(s, SedimentProperties.SUBNETS));
        if (subnets.isEmpty()) {
            throw new InvalidInputException("Instance property " + SedimentProperties.SUBNETS.name() + " names no subnet: a Fargate"
                    + " task runs in one of the subnets listed there (comma-separated ids)");
        }
        List<String> securityGroups = list(s.find(SedimentProperties.ECS_SECURITY_GROUPS).orElse(""));
        if (securityGroups.size() > 5) {
            throw new InvalidInputException("Instance property " + SedimentProperties.ECS_SECURITY_GROUPS.name() + " names "
                    + securityGroups.size() + " security groups; an ECS task takes at most 5");
        }
        String cpu = s.get(SedimentProperties.INGEST_TASK_CPU).trim();
        String memory = s.get(SedimentProperties.INGEST_TASK_MEMORY).trim();
        FargateResources.taskProblem(SedimentProperties.INGEST_TASK_CPU.name(), cpu, SedimentProperties.INGEST_TASK_MEMORY.name(),
                memory).ifPresent(problem -> {
                    throw new InvalidInputException(problem);
                });
        String publicIp = s.get(SedimentProperties.INGEST_TASK_ASSIGN_PUBLIC_IP).trim().toLowerCase(Locale.ROOT);
        if (!publicIp.equals("true") && !publicIp.equals("false")) {
            throw new InvalidInputException("Instance property " + SedimentProperties.INGEST_TASK_ASSIGN_PUBLIC_IP.name() + " is '"
                    + s.get(SedimentProperties.INGEST_TASK_ASSIGN_PUBLIC_IP) + "': use true or false");
        }
        String cluster = s.find(SedimentProperties.INGEST_CLUSTER).filter(v -> !v.isBlank()).map(String::trim)
                .orElse("sleeper-" + s.get(SedimentProperties.ID) + "-ingest-cluster");
        String container = s.get(SedimentProperties.INGEST_TASK_CONTAINER_NAME).trim();
        return new EcsTaskSettings(cluster, taskDefinition.trim(), container, cpu, memory, subnets, securityGroups,
                publicIp.equals("true"));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
