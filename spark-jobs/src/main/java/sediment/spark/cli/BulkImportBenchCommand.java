package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sediment.spark.bench.BenchSession;
import sediment.spark.bench.BulkImportBenchmark;

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
    @Mixin
    BenchInput input;
    @Option(names = "--runs", paramLabel = "N", description = "Runs of each route; the median is reported (default 3).")
    int runs = 3;
    @Option(names = "--table-property", paramLabel = "KEY=VALUE", description = {
            "A property of the table Sediment imports into, e.g. sleeper.table.parquet.dictionary.encoding.value.fields=true",
            "to measure with dictionary-encoded value columns as the Spark routes write them. Repeatable."})
    Map<String, String> tableProperties = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchSession.run("sediment-bench-bulk-import", input.master, input.workDir, (spark, dir) -> {
            BulkImportBenchmark bench = new BulkImportBenchmark(spark, dir, spec.commandLine().getOut());
            List<BulkImportBenchmark.Timing> timings = bench.run(input.rows, input.partitions, runs, input.inputFiles, tableProperties);
            bench.print(timings, input.rows, input.partitions);
        });
        return 0;
    }
}
