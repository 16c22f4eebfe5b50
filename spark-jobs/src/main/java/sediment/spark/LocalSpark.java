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
        return withHadoopConfDir(builder
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate());
    }

    /** Adds {@code $HADOOP_CONF_DIR/core-site.xml} under the session's own {@code spark.hadoop.*} settings. */
    public static SparkSession withHadoopConfDir(SparkSession spark) {
        HadoopConf.addConfDir(spark.sparkContext().hadoopConfiguration());
        return spark;
    }
}
