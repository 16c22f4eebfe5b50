package sediment.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The in-process Spark session of the embedded default: {@code local[*]} unless a master is
 * already configured (spark-submit sets one). Reused when one is already running.
 */
public final class LocalSpark {
    private static final String WAREHOUSE = "spark.sql.warehouse.dir";
    private static Path warehouse;

    private LocalSpark() {
    }

    public static SparkSession session(String appName) {
        return builder(appName, null).config("spark.sql.shuffle.partitions", "8").getOrCreate();
    }

    /**
     * A session builder named {@code appName}, on {@code master} (null: the configured one, else
     * {@code local[*]}). In local mode Spark's SQL warehouse goes to a temporary directory: Sediment
     * keeps no Spark tables, and by default Spark would leave {@code spark-warehouse/} wherever the
     * command was run.
     */
    public static SparkSession.Builder builder(String appName, String master) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.ui.showConsoleProgress", "false");
        String configured = System.getProperty("spark.master");
        String effective = master != null ? master : configured != null ? configured : "local[*]";
        if (master != null || configured == null) {
            builder.master(effective);
        }
        if (effective.startsWith("local") && System.getProperty(WAREHOUSE) == null) {
            builder.config(WAREHOUSE, warehouse().toUri().toString());
        }
        return builder;
    }

    /** An empty directory for this JVM's SQL warehouse, removed when the JVM exits (it stays empty). */
    static synchronized Path warehouse() {
        if (warehouse == null) {
            try {
                warehouse = Files.createTempDirectory("sediment-spark-warehouse-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for Spark's SQL warehouse", e);
            }
            warehouse.toFile().deleteOnExit();
        }
        return warehouse;
    }

    /**
     * The Hadoop configuration a job reads its spec and instance with before Spark starts: Hadoop's
     * own files plus the {@code spark.hadoop.*} settings the launcher gave Spark, as Spark would build it.
     */
    public static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), e.getValue().toString());
            }
        }
        return conf;
    }
}
