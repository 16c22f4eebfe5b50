package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sediment.spark.bench.BenchSession;
import sediment.spark.bench.IngestBenchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, version = "Sediment 0.1.0", description = {
        "Time the standard ingest against the bulk import and a straight copy, and print rows/s, ratios and the ingest's peak heap.",
        "The ingest runs in a JVM of its own with a small heap, as in a container; the bulk import and the copy run on Spark"
                + " in this JVM; all three read the same generated input."},
        footer = {"%nExample:", "  sediment bench ingest --rows 10000000 --partitions 64 --ingest-heap 256m"})
public final class IngestBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", description = "Rows to generate (default 10000000).")
    long rows = 10_000_000;
    @Option(names = "--partitions", paramLabel = "P", description = "Leaf partitions (default 64).")
    int partitions = 64;
    @Option(names = "--runs", paramLabel = "N", description = "Runs of each route; the median is reported (default 1).")
    int runs = 1;
    @Option(names = "--input-files", paramLabel = "N", description = "Input files (default 8).")
    int inputFiles = 8;
    @Option(names = "--ingest-heap", paramLabel = "SIZE", description = "The ingest JVM's -Xmx (default 256m).")
    String ingestHeap = "256m";
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master for the bulk import and copy (default local[2]).")
    String master = "local[2]";
    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a new temporary one, deleted after).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        BenchSession.run("sediment-bench-ingest", master, workDir, (spark, dir) -> {
            IngestBenchmark bench = new IngestBenchmark(spark, dir, System.out);
            List<IngestBenchmark.Timing> timings = bench.run(rows, partitions, runs, inputFiles, ingestHeap);
            bench.print(timings, rows, partitions);
        });
        return 0;
    }
}
