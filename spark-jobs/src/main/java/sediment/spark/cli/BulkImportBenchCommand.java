package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sediment.spark.bench.BenchSession;
import sediment.spark.bench.BulkImportBenchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bulk-import", mixinStandardHelpOptions = true, description = {
        "Time a bulk import against plain Spark and against a straight copy, and print rows/s and ratios.",
        "Plain Spark is repartitionByRange + sortWithinPartitions + write.parquet; the copy (the floor) reads and writes;"
                + " all run on the same generated input in this JVM."},
        footer = {"%nExample:", "  sediment bench bulk-import --rows 10000000 --partitions 64 --runs 3"})
public final class BulkImportBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", description = "Rows to generate (default 10000000).")
    long rows = 10_000_000;
    @Option(names = "--partitions", paramLabel = "P", description = "Leaf partitions / ranges (default 64).")
    int partitions = 64;
    @Option(names = "--runs", paramLabel = "N", description = "Runs of each route; the median is reported (default 3).")
    int runs = 3;
    @Option(names = "--input-files", paramLabel = "N", description = "Input files (default 8).")
    int inputFiles = 8;
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master (default local[2]).")
    String master = "local[2]";
    @Option(names = "--table-property", paramLabel = "KEY=VALUE", description = {
            "A property of the table Sediment imports into, e.g. sleeper.table.parquet.dictionary.encoding.value.fields=true",
            "to measure with dictionary-encoded value columns as the Spark routes write them. Repeatable."})
    Map<String, String> tableProperties = new LinkedHashMap<>();
    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a new temporary one, deleted after).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        BenchSession.run("sediment-bench-bulk-import", master, workDir, (spark, dir) -> {
            BulkImportBenchmark bench = new BulkImportBenchmark(spark, dir, System.out);
            List<BulkImportBenchmark.Timing> timings = bench.run(rows, partitions, runs, inputFiles, tableProperties);
            bench.print(timings, rows, partitions);
        });
        return 0;
    }
}
