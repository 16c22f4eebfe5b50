package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sediment.spark.bench.BenchSession;
import sediment.spark.bench.IngestBenchmark;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, version = "Sediment 0.1.0", description = {
        "Time the standard ingest against the bulk import and a straight copy, and print rows/s, ratios and the ingest's peak heap.",
        "The ingest runs in a JVM of its own with a small heap, as in a container; the bulk import and the copy run on Spark"
                + " in this JVM; all three read the same generated input."},
        footer = {"%nExample:", "  sediment bench ingest --rows 10000000 --partitions 64 --ingest-heap 256m"})
public final class IngestBenchCommand implements Callable<Integer> {
    @Mixin
    BenchInput input;
    @Option(names = "--runs", paramLabel = "N", description = "Runs of each route; the median is reported (default 1).")
    int runs = 1;
    @Option(names = "--ingest-heap", paramLabel = "SIZE", description = "The ingest JVM's -Xmx (default 256m).")
    String ingestHeap = "256m";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchSession.run("sediment-bench-ingest", input.master, input.workDir, (spark, dir) -> {
            IngestBenchmark bench = new IngestBenchmark(spark, dir, spec.commandLine().getOut());
            List<IngestBenchmark.Timing> timings = bench.run(input.rows, input.partitions, runs, input.inputFiles, ingestHeap);
            bench.print(timings, input.rows, input.partitions);
        });
        return 0;
    }
}
