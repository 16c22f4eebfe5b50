package sediment.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The in-process Spark session of the embedded default: {@code local[*]} unless a master is
 * already configured (spark-submit sets one). Reused when one is already running.
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static SparkSession session(String appName) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        return builder
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
    }
}
