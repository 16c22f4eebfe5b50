package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;
import software.amazon.awssdk.services.emrserverless.model.ConfigurationOverrides;
import software.amazon.awssdk.services.emrserverless.model.CreateApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.JobDriver;
import software.amazon.awssdk.services.emrserverless.model.MonitoringConfiguration;
import software.amazon.awssdk.services.emrserverless.model.NetworkConfiguration;
import software.amazon.awssdk.services.emrserverless.model.S3MonitoringConfiguration;
import software.amazon.awssdk.services.emrserverless.model.SparkSubmit;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The EMR Serverless requests: the instance's application, and one job run per job. */
public final class EmrServerlessRequests {
    private EmrServerlessRequests() {
    }

    /** The application's name: the property, else sleeper-&lt;sleeper.id&gt;-emr-serverless. */
    public static String applicationName(PropertyLayers s) {
        return s.find(SedimentProperties.EMR_SERVERLESS_APPLICATION_NAME).filter(v -> !v.isBlank())
                .orElse("sleeper-" + s.get(SedimentProperties.ID) + "-emr-serverless");
    }

    /**
     * A Spark application with EMR Serverless's defaults for starting on the first job and stopping when idle;
     * in the instance's subnets when they are set. The client token (from the name) makes a retried create
     * return the same application instead of a second one.
     */
    public static CreateApplicationRequest createApplication(PropertyLayers s) {
        String name = applicationName(s);
        CreateApplicationRequest.Builder request = CreateApplicationRequest.builder()
                .name(name)
                .releaseLabel(s.get(SedimentProperties.EMR_SERVERLESS_RELEASE_LABEL))
                .type("SPARK")
                .clientToken(ClientTokens.of(name))
                .tags(Map.of("sediment-instance", s.get(SedimentProperties.ID)));
        s.find(SedimentProperties.SUBNETS).filter(v -> !v.isBlank()).ifPresent(subnets -> request.networkConfiguration(
                NetworkConfiguration.builder().subnetIds(Arrays.stream(subnets.split(",")).map(String::trim)
                        .filter(v -> !v.isEmpty()).toList()).build()));
        return request.build();
    }

    /**
     * One job run: spark-submit of the job's main class from the spark-jobs jar with the job contract's
     * arguments, every Spark setting as {@code --conf}. Named after the job; its client token comes from the
     * instance and the job id, so a retried request starts no second run.
     */
    public static StartJobRunRequest startJobRun(LaunchPlan plan, String applicationId) {
        PropertyLayers s = plan.settings();
        String jar = Required.property(s, SedimentProperties.BULK_IMPORT_JAR_URI);
        StartJobRunRequest.Builder request = StartJobRunRequest.builder()
                .applicationId(applicationId)
                .name(plan.job().id())
                .clientToken(ClientTokens.forJob(plan))
                .executionRoleArn(Required.property(s, SedimentProperties.EMR_SERVERLESS_EXECUTION_ROLE_ARN))
                .jobDriver(JobDriver.builder().sparkSubmit(SparkSubmit.builder()
                        .entryPoint(jar)
                        .entryPointArguments(plan.jobArguments().toList())
                        .sparkSubmitParameters(sparkSubmitParameters(plan))
                        .build()).build())
                .tags(Map.of("sediment-instance", plan.instanceId(), "sediment-job-id", plan.job().id()));
        s.find(SedimentProperties.EMR_LOG_URI).filter(v -> !v.isBlank()).ifPresent(logUri -> request.configurationOverrides(
                ConfigurationOverrides.builder().monitoringConfiguration(MonitoringConfiguration.builder()
                        .s3MonitoringConfiguration(S3MonitoringConfiguration.builder().logUri(logUri).build()).build()).build()));
        return request.build();
    }

    /**
     * spark-submit's options as the one string EMR Serverless takes. EMR Serverless splits it at spaces, so a
     * setting whose value has whitespace would be cut into pieces: that is refused rather than sent broken.
     */
    static String sparkSubmitParameters(LaunchPlan plan) {
        List<String> blank = new ArrayList<>();
        plan.sparkConf().forEach((k, v) -> {
            if (v.chars().anyMatch(Character::isWhitespace) || k.chars().anyMatch(Character::isWhitespace)) {
                blank.add(k);
            }
        });
        if (!blank.isEmpty()) {
            throw new InvalidInputException("Cannot submit job " + plan.job().id() + " to emr-serverless: the Spark setting"
                    + (blank.size() == 1 ? " " : "s ") + String.join(", ", blank) + (blank.size() == 1 ? " has" : " have")
                    + " whitespace in its value, which EMR Serverless's sparkSubmitParameters cannot carry");
        }
        return String.join(" ", plan.sparkSubmitOptions(plan.sparkConf()));
    }
}
