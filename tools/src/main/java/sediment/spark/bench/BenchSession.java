package sediment.spark.bench;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.Arrays;

/** What every benchmark command shares: a Spark session without its UI, a scratch directory, and medians. */
public final class BenchSession {
    private BenchSession() {
    }

    /** The work a benchmark does with its session and directory. */
    @FunctionalInterface
    public interface Body {
        void run(SparkSession spark, Path dir) throws Exception;
    }

    /** Runs {@code body}, then stops the session and deletes the scratch directory unless the user named it. */
    public static void run(String appName, String master, Path workDir, Body body) throws Exception {
        SparkSession spark = sediment.spark.LocalSpark.builder(appName, master).config("spark.ui.enabled", "false").getOrCreate();
        Path dir = workDir == null ? BulkImportBenchmark.tempDir() : workDir;
        try {
            body.run(spark, dir);
        } finally {
            spark.stop();
            if (workDir == null) {
                BulkImportBenchmark.deleteQuietly(dir);
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
