package sediment.spark.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sediment.cli.InstanceOption;
import sediment.core.error.InvalidInputException;
import sediment.core.job.BulkImportJob;
import sediment.core.job.BulkImportValidator;
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
    @Mixin
    InstanceOption instance;
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master for the in-process session (default local[*]).")
    String master = "local[*]";
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BulkImportJob job = BulkImportJob.read(jobFile.toString(), read(jobFile));
        var instance = this.instance.open();
        Optional<BulkImportResult> committed = BulkImportJobRunner.answerIfCommitted(instance, job, "local");
        if (committed.isPresent()) {
            return finish(committed.get());
        }
        // Checked once, before Spark starts, so bad input fails in a second rather than after a session start; with
        // the job's own spark.hadoop.* settings, as its Spark session will have them.
        BulkImportValidator.ValidatedJob validated = BulkImportJobRunner.validate(instance, job, jobConfiguration(job), "local");
        spec.commandLine().getOut().println("Bulk import job " + job.id() + " into table " + job.tableName() + " accepted");
        SparkSession.Builder builder = LocalSpark.builder(job.id(), master);
        job.sparkConf().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        try (ProgressReporter ignored = ProgressReporter.start(spark, spec.commandLine().getOut())) {
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
    private int finish(BulkImportResult result) {
        spec.commandLine().getOut().println(result.summary());
        result.warnings().forEach(this::warn);
        return 0;
    }

    private void warn(String warning) {
        spec.commandLine().getErr().println("warning: " + warning);
    }

    static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Job file " + file + " does not exist");
        }
    }
}
