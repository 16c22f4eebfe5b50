package sediment.spark.merge;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import sediment.core.error.SedimentException;
import sediment.core.merge.MergeJob;
import sediment.spark.LocalSpark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The spark-submit entry point for merge job specs: {@code MergeMain JOB} where JOB is the path or
 * URI of a merge job JSON file (any Hadoop file system), or the JSON itself. Exit code 0 on success,
 * 1 with a one-line error on bad input or a failed validation.
 */
public final class MergeMain {
    private MergeMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: MergeMain JOB.json (a path or URI of a merge job spec, or the JSON itself)");
            System.exit(2);
        }
        int code;
        try {
            MergeResult result = run(args[0], null);
            System.out.print(result.summary());
            code = 0;
        } catch (SedimentException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    /** Reads the job and runs it in {@code spark} (null: the active session, else a local one). */
    public static MergeResult run(String job, SparkSession spark) {
        SparkSession session = spark != null ? spark : LocalSpark.session("sediment-merge");
        String source = job.trim().startsWith("{") ? "job spec" : job;
        byte[] content = job.trim().startsWith("{") ? job.getBytes(StandardCharsets.UTF_8) : read(session, job);
        return builder(MergeJob.read(source, content)).sparkSession(session).build().run();
    }

    public static MergeData.Builder builder(MergeJob job) {
        MergeData.Builder b = job.isRemerge()
                ? RemergeData.builder(job.db(), job.sourceNamespace(), job.sourceTable(), job.namespace(), job.table())
                : MergeData.builder(job.db(), job.namespace(), job.table());
        return b.options(job.options()).jobId(job.id());
    }

    private static byte[] read(SparkSession spark, String location) {
        Path path = new Path(location);
        try (FSDataInputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SedimentException("Cannot read merge job " + location + ": " + e.getMessage(), e);
        }
    }
}
