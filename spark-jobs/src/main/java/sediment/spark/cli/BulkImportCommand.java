package sediment.spark.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.job.BulkImportJob;
import sediment.core.job.BulkImportValidator;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.HadoopConf;
import sediment.spark.LocalSpark;
import sediment.spark.ProgressReporter;
import sediment.spark.bulkimport.BulkImportJobRunner;
import sediment.spark.bulkimport.BulkImportResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "bulk-import", description = {
        "Run a bulk import job on the embedded default: Spark in-process (local[*]) on this instance.",
        "The job file is Sleeper's bulk import JSON: id, tableName, files, sparkConf, platformSpec."},
        mixinStandardHelpOptions = true,
        footer = {"%nExample:", "  sediment bulk-import job.json --instance /data/sediment"})
public final class BulkImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB.json")
    Path jobFile;
    @Option(names = "--instance", paramLabel = "URI",
            description = "The instance directory or URI (default: $SEDIMENT_INSTANCE, else ./sediment-instance).")
    String instanceLocation;
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master for the in-process session (default local[*]).")
    String master = "local[*]";

    @Override
    public Integer call() throws IOException {
        BulkImportJob job = BulkImportJob.read(jobFile.toString(), read(jobFile));
        Instance instance = Instance.open(Instance.location(instanceLocation));
        Optional<BulkImportResult> committed = BulkImportJobRunner.answerIfCommitted(instance, job, "local");
        if (committed.isPresent()) {
            return finish(committed.get());
        }
        JobStatusStore statuses = new JobStatusStore(instance);
        JobStatus accepted = JobStatus.accepted(job.id(), "bulk-import", job.tableName(), "local");
        statuses.tryRecord(accepted).ifPresent(BulkImportCommand::warn);
        BulkImportValidator.ValidatedJob validated;
        try {
            // Checked once, before Spark starts, so bad input fails in a second rather than after a session start; with
            // the job's own spark.hadoop.* settings, as its Spark session will have them.
            validated = BulkImportValidator.validate(instance, job, jobConfiguration(job), null);
        } catch (InvalidInputException e) {
            statuses.tryRecord(accepted.failed(e.getMessage()));
            throw e;
        }
        System.out.println("Bulk import job " + job.id() + " into table " + job.tableName() + " accepted");
        SparkSession.Builder builder = LocalSpark.builder(job.id(), master);
        job.sparkConf().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        try (ProgressReporter ignored = ProgressReporter.start(spark, System.out)) {
            return finish(new BulkImportJobRunner(spark, instance).run(validated, "local"));
        } finally {
            spark.stop();
        }
    }

    /** The Hadoop settings the job's Spark session will have: the instance's, then the job's spark.hadoop.* on top. */
    private static org.apache.hadoop.conf.Configuration jobConfiguration(BulkImportJob job) {
        org.apache.hadoop.conf.Configuration conf = HadoopConf.load();
        job.sparkConf().forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                conf.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        return conf;
    }

    /** The commit happened (or had happened): exit 0, whatever could not be recorded about it. */
    private static int finish(BulkImportResult result) {
        System.out.println(result.summary());
        result.warnings().forEach(BulkImportCommand::warn);
        return 0;
    }

    private static void warn(String warning) {
        System.err.println("warning: " + warning);
    }

    static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Job file " + file + " does not exist");
        }
    }
}
