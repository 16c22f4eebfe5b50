package sediment.submit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A stand-in Spark main class: records how the local platform called it. */
public final class RecordingMain {
    static volatile List<String> args;
    static volatile Map<String, String> sparkProperties;

    private RecordingMain() {
    }

    public static void main(String[] a) {
        args = List.of(a);
        Map<String, String> spark = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("spark.")) {
                spark.put(k.toString(), v.toString());
            }
        });
        sparkProperties = spark;
        if (a.length > 0 && a[a.length - 1].contains("fail")) {
            throw new IllegalStateException("the job failed");
        }
    }
}
