package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyDefinition;
import sediment.core.instance.SedimentProperties;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a job runs: in this process, on a transient or the persistent EMR cluster, on EKS, on EMR Serverless, or
 * (standard ingest jobs only, which need no Spark) as an ECS Fargate task.
 */
public enum Platform {
    LOCAL("local", null),
    EMR("emr", SedimentProperties.EMR_JOB_QUEUE_URL),
    PERSISTENT_EMR("persistent-emr", SedimentProperties.PERSISTENT_EMR_JOB_QUEUE_URL),
    EKS("eks", SedimentProperties.EKS_JOB_QUEUE_URL),
    EMR_SERVERLESS("emr-serverless", SedimentProperties.EMR_SERVERLESS_JOB_QUEUE_URL),
    ECS("ecs", SedimentProperties.INGEST_JOB_QUEUE_URL);

    private final String cliName;
    private final PropertyDefinition queueUrl;

    Platform(String cliName, PropertyDefinition queueUrl) {
        this.cliName = cliName;
        this.queueUrl = queueUrl;
    }

    public String cliName() {
        return cliName;
    }

    /** The instance property holding this platform's job queue URL (none for local). */
    public PropertyDefinition queueUrlProperty() {
        if (queueUrl == null) {
            throw new InvalidInputException("The local platform has no job queue: use emr, persistent-emr, eks, emr-serverless or ecs");
        }
        return queueUrl;
    }

    /** Whether the job runs on a cluster (or a container) that must read the instance and the job file remotely. */
    public boolean remote() {
        return this != LOCAL;
    }

    public static Platform parse(String name) {
        return Arrays.stream(values()).filter(p -> p.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("Unknown platform '" + name + "': use one of "
                        + Arrays.stream(values()).map(Platform::cliName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
