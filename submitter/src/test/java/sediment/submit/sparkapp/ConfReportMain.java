package sediment.submit.sparkapp;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A Spark application standing in for the bulk import job: it starts a SparkContext from what
 * spark-submit gave it, runs a tiny job, and writes its arguments and Spark settings next to the job spec.
 */
public final class ConfReportMain {
    private ConfReportMain() {
    }

    public static void main(String[] args) throws Exception {
        SparkConf conf = new SparkConf();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            long count = spark.parallelize(List.of(1, 2, 3), 2).count();
            Path jobFile = Path.of(java.net.URI.create(args[args.length - 1]));
            StringBuilder report = new StringBuilder("args=" + Arrays.toString(args) + "\ncount=" + count + "\n");
            for (var e : conf.getAll()) {
                report.append(e._1()).append('=').append(e._2()).append('\n');
            }
            Files.writeString(jobFile.resolveSibling("report.txt"), report, StandardCharsets.UTF_8);
        }
    }
}
