package sediment.spark.bulkimport;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.job.BulkImportJob;

import java.io.IOException;

/**
 * The bulk import entry point for {@code spark-submit}:
 * {@code --class sediment.spark.bulkimport.BulkImportMain sediment-spark-jobs-all.jar --instance URI JOB.json}.
 * The job file may be on any file system Spark can read (s3a://, hdfs://, file:).
 */
public final class BulkImportMain {
    private BulkImportMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !args[0].equals("--instance")) {
            System.err.println("usage: BulkImportMain --instance URI JOB.json");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("sediment-bulk-import").getOrCreate();
        int exit = 0;
        try {
            Instance instance = Instance.open(args[1], spark.sparkContext().hadoopConfiguration());
            Path jobPath = new Path(args[2]);
            byte[] content;
            try (var in = jobPath.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(jobPath)) {
                content = in.readAllBytes();
            }
            BulkImportJob job = BulkImportJob.read(args[2], content);
            String platform = spark.conf().get("spark.sediment.platform", "spark-submit");
            BulkImportResult result = new BulkImportJobRunner(spark, instance).run(job, platform);
            System.out.println(result.summary());
            result.warnings().forEach(w -> System.err.println("warning: " + w));
        } catch (SedimentException e) {
            System.err.println("error: " + e.getMessage());
            exit = 1;
        } finally {
            spark.stop();
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
