package sediment.cli;

import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sediment.core.error.InvalidInputException;
import sediment.core.job.BulkImportJob;
import sediment.ingest.IngestJobRunner;
import sediment.ingest.IngestProgress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "ingest", description = {
        "Ingest a job's Parquet files into a table in this process, without Spark: rows are sorted in bounded memory,"
                + " spilled to local disk as sorted runs, and written as one file per leaf, all committed at once.",
        "The job file is the seed's standard ingest JSON (id, tableName, files), the same as a bulk import job's.",
        "Memory and disk bounds: sleeper.ingest.memory.max.batch.size, sleeper.ingest.memory.max.batch.bytes,"
                + " sleeper.ingest.max.local.records and sleeper.ingest.local.dir (instance properties, or the job's platformSpec)."},
        footer = {"%nExample:", "  sediment ingest job.json --instance ./sediment-instance"})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Mixin
    InstanceOption instance;
    @Parameters(index = "0", paramLabel = "JOB.json")
    Path jobFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        BulkImportJob job = BulkImportJob.read(jobFile.toString(), read(jobFile));
        IngestJobRunner.Outcome outcome = new IngestJobRunner(instance.open(), new Configuration())
                .run(job, "local", new Progress(out));
        out.println(outcome.result().summary());
        outcome.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        return 0;
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Job file " + file + " does not exist");
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
