package sediment.submit;

import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;
import sediment.core.job.JobArguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a platform needs to launch one job, resolved and checked: the job, the layered
 * settings, the Spark configuration, and where the cluster reads the instance and the job spec.
 *
 * @param instanceRoot the qualified instance URI the Spark job opens
 * @param jobUri       where the job spec is written for the Spark job to read
 */
public record LaunchPlan(SubmittedJob job, Platform platform, String instanceRoot, PropertyLayers settings,
                         Map<String, String> sparkConf, String jobUri) {

    public String instanceId() {
        return settings.get(SedimentProperties.ID);
    }

    /** The job's own arguments, as the job contract defines them for every kind and platform. */
    public JobArguments jobArguments() {
        return new JobArguments(instanceRoot, platform.cliName(), jobUri);
    }

    /** The arguments after spark-submit's options: the jar, then the job's own arguments. */
    public List<String> applicationArguments(String jarUri) {
        List<String> args = new ArrayList<>(List.of(jarUri));
        args.addAll(jobArguments().toList());
        return args;
    }

    /** spark-submit's options: the main class, then every Spark setting as --conf. */
    public List<String> sparkSubmitOptions(Map<String, String> conf) {
        List<String> args = new ArrayList<>(List.of("--class", job.mainClass()));
        conf.forEach((k, v) -> {
            args.add("--conf");
            args.add(k + "=" + v);
        });
        return args;
    }
}
