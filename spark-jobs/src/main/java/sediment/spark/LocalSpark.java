package sediment.spark;

import org.apache.spark.sql.SparkSession;
import sediment.core.storage.HadoopConf;

/**
 * The in-process Spark session of the embedded default: {@code local[*]} unless a master is
 * already configured (spark-submit sets one). Reused when one is already running. Its Hadoop
 * configuration also reads {@code $HADOOP_CONF_DIR/core-site.xml} (see {@link HadoopConf}).
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static SparkSession session(String appName) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        return withHadoopConfDir(builder)
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
    }

    /**
     * Gives a session about to start {@code $HADOOP_CONF_DIR/core-site.xml} as {@code spark.hadoop.*} settings, under
     * {@code spark.hadoop.*} system properties and under what the caller sets on the builder afterwards. (A session
     * copies its Hadoop configuration when it starts, so adding the file to a running one would not reach its jobs.)
     */
    public static SparkSession.Builder withHadoopConfDir(SparkSession.Builder builder) {
        HadoopConf.confDirSettings().forEach((key, value) -> {
            if (System.getProperty("spark.hadoop." + key) == null) {
                builder.config("spark.hadoop." + key, value);
            }
        });
        return builder;
    }
}
