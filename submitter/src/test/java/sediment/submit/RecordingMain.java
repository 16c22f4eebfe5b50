package sediment.submit;

import sediment.core.job.JobArguments;
import sediment.core.job.JobMain;
import sediment.core.job.JobResult;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A stand-in Spark job main: records how the local platform called it. */
public final class RecordingMain implements JobMain {
    static volatile List<String> args;
    static volatile Map<String, String> sparkProperties;

    @Override
    public JobResult run(JobArguments arguments) {
        args = arguments.toList();
        Map<String, String> spark = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("spark.")) {
                spark.put(k.toString(), v.toString());
            }
        });
        sparkProperties = spark;
        if (arguments.jobUri().contains("fail")) {
            throw new IllegalStateException("the job failed");
        }
        return new JobResult("recorded", "Recorded job " + arguments.jobUri(), List.of());
    }
}
