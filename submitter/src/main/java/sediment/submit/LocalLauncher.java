package sediment.submit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.error.SedimentException;
import sediment.core.util.Json;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the job's Spark main class in this process, in Spark local mode. The class is found by name
 * (the launcher puts spark-jobs on the class path for {@code submit}); the Spark settings are passed
 * as {@code spark.*} system properties, which SparkConf reads.
 */
public final class LocalLauncher implements PlatformLauncher {

    public static Map<String, String> sparkConf(LaunchPlan plan) {
        Map<String, String> conf = new TreeMap<>(plan.sparkConf());
        conf.putIfAbsent("spark.master", "local[*]");
        conf.putIfAbsent("spark.app.name", plan.job().id());
        return conf;
    }

    public static List<String> args(LaunchPlan plan) {
        return List.of("--instance", plan.instanceRoot(), plan.jobUri());
    }

    /** What {@code --dry-run} prints for the local platform: the call it would make. */
    public static ObjectNode invocation(LaunchPlan plan) {
        ObjectNode call = Json.MAPPER.createObjectNode();
        call.put("mainClass", plan.job().mainClass());
        call.set("args", Json.MAPPER.valueToTree(args(plan)));
        call.set("sparkConf", Json.MAPPER.valueToTree(sparkConf(plan)));
        return call;
    }

    @Override
    public String launch(LaunchPlan plan) {
        Method main;
        try {
            main = Class.forName(plan.job().mainClass()).getMethod("main", String[].class);
        } catch (ClassNotFoundException e) {
            throw new SedimentException("The Spark job class " + plan.job().mainClass() + " is not on the class path: run"
                    + " 'sediment submit' through the ./sediment launcher, which adds spark-jobs", e);
        } catch (NoSuchMethodException e) {
            throw new SedimentException("Class " + plan.job().mainClass() + " has no main(String[]) method", e);
        }
        Map<String, String> previous = new HashMap<>();
        Map<String, String> conf = sparkConf(plan);
        synchronized (LocalLauncher.class) {
            conf.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
            try {
                main.invoke(null, (Object) args(plan).toArray(String[]::new));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new SedimentException("Job " + plan.job().id() + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new SedimentException("Cannot call " + plan.job().mainClass() + ".main: " + e.getMessage(), e);
            } finally {
                previous.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
        return "this process (Spark " + conf.get("spark.master") + ")";
    }
}
