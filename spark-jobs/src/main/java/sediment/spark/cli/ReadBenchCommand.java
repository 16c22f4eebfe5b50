package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sediment.spark.bench.BenchSession;
import sediment.spark.bench.ReadBenchmark;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "read", mixinStandardHelpOptions = true, version = "Sediment 0.1.0", description = {
        "Time reads of a bulk-imported table through the sediment data source against spark.read.parquet over the same"
                + " committed files: a key-range query and a full scan, with the same filter, all columns materialised."},
        footer = {"%nExample:", "  sediment bench read --rows 10000000 --partitions 64 --fraction 0.001 --runs 5"})
public final class ReadBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", description = "Rows to generate and import (default 10000000).")
    long rows = 10_000_000;
    @Option(names = "--partitions", paramLabel = "P", description = "Leaf partitions (default 64).")
    int partitions = 64;
    @Option(names = "--fraction", paramLabel = "F", description = "The key range query's share of the key space (default 0.001).")
    double fraction = 0.001;
    @Option(names = "--runs", paramLabel = "N", description = "Runs of each route; the median is reported (default 5).")
    int runs = 5;
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master (default local[2]).")
    String master = "local[2]";
    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a new temporary one, deleted after).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (fraction <= 0 || fraction > 1 || runs < 1 || partitions < 1 || rows < 1) {
            throw new sediment.core.error.InvalidInputException("--fraction must be in (0, 1], and --runs, --partitions and"
                    + " --rows at least 1");
        }
        BenchSession.run("sediment-bench-read", master, workDir, (spark, dir) -> {
            ReadBenchmark bench = new ReadBenchmark(spark, dir, System.out);
            bench.print(bench.run(rows, partitions, runs, fraction), rows, partitions, fraction);
        });
        return 0;
    }
}
