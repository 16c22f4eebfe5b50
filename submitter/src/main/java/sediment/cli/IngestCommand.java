package sediment.cli;

import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sediment.core.error.InvalidInputException;
import sediment.core.job.BulkImportJob;
import sediment.core.storage.HadoopConf;
import sediment.core.storage.Storages;
import sediment.ingest.IngestJobRunner;
import sediment.ingest.IngestProgress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "ingest", description = {
        "Ingest a job's Parquet files into a table in this process, without Spark: rows are sorted in bounded memory,"
                + " spilled to local disk as sorted runs, and written as one file per leaf, all committed at once.",
        "The job file is the seed's standard ingest JSON (id, tableName, files), the same as a bulk import job's: a local"
                + " file, or a URI (s3a://...) as an ECS task started by 'submit --kind ingest --platform ecs' passes it.",
        "Memory and disk bounds: sleeper.ingest.memory.max.batch.size, sleeper.ingest.memory.max.batch.bytes,"
                + " sleeper.ingest.max.local.records and sleeper.ingest.local.dir (instance properties, or the job's platformSpec)."},
        footer = {"%nExamples:", "  sediment ingest job.json --instance ./sediment-instance",
                "  sediment ingest --instance s3a://bucket/instance --platform ecs s3a://bucket/instance/jobs/job-1.json"})
final class IngestCommand implements Callable<Integer> {
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Mixin
    InstanceOption instance;
    @Parameters(index = "0", paramLabel = "JOB.json")
    String jobFile;
    @Option(names = "--platform", paramLabel = "NAME", defaultValue = "local",
            description = "Where the job runs, as its status records say (default: local; an ECS task passes ecs).")
    String platform;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Configuration conf = HadoopConf.load();
        BulkImportJob job = BulkImportJob.read(jobFile, read(jobFile, conf));
        IngestJobRunner.Outcome outcome = new IngestJobRunner(instance.open(), conf).run(job, platform, new Progress(out));
        out.println(outcome.result().summary());
        outcome.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        return 0;
    }

    /**
     * A local path, or a URI (a scheme of two or more letters, so C:\\job.json stays a path) read through the storage
     * that serves its scheme: Sediment's S3 client for s3a://, as for the instance itself, else Hadoop's FileSystem.
     */
    private static byte[] read(String file, Configuration conf) {
        if (!URI_SCHEME.matcher(file).lookingAt()) {
            return TableCommand.readLocalFile(Path.of(file), "Job file");
        }
        try {
            String qualified = Storages.qualify(file);
            return Storages.forPath(qualified, conf).readIfExists(qualified)
                    .orElseThrow(() -> new InvalidInputException("Job file " + file + " does not exist"));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read job file " + file + ": " + e.getMessage());
        }
    }

    /** A line at most every two seconds, and one per input file, so a long ingest shows it is moving. */
    private static final class Progress implements IngestProgress {
        private final PrintWriter out;
        private long rows;
        private int runs;
        private int files;
        private long lastPrint = System.nanoTime();

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void runSpilled(long rowsRead, int runsSpilled) {
            rows = rowsRead;
            runs = runsSpilled;
            maybePrint(false);
        }

        @Override
        public void leafWritten(int filesWritten) {
            files = filesWritten;
            maybePrint(false);
        }

        @Override
        public void fileRead(String file, long rowsRead) {
            rows = rowsRead;
            maybePrint(true);
        }

        private void maybePrint(boolean always) {
            long now = System.nanoTime();
            if (always || now - lastPrint > 2_000_000_000L) {
                lastPrint = now;
                out.println(String.format(Locale.ROOT, "progress: %,d rows read, %d sorted runs spilled, %d files written",
                        rows, runs, files));
                out.flush();
            }
        }
    }
}
