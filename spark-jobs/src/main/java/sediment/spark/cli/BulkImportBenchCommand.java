package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import sediment.core.error.InvalidInputException;
import sediment.spark.bench.BenchSession;
import sediment.spark.bench.BulkImportBenchmark;
import sediment.spark.bench.BulkImportScaleBenchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bulk-import", mixinStandardHelpOptions = true, description = {
        "Time a bulk import against plain Spark and against a straight copy, and print rows/s and ratios.",
        "Plain Spark is repartitionByRange + sortWithinPartitions + write.parquet; the copy (the floor) reads and writes;"
                + " all run on the same generated input in this JVM.",
        "With --series, time only Sediment's bulk import at each point of a series instead (issue #13's scale"
                + " measurements) and print a markdown table and the series' ratio; see --series."},
        footer = {"%nExamples:", "  sediment bench bulk-import --rows 10000000 --partitions 64 --runs 3",
                "  sediment bench bulk-import --series rows \\",
                "      --rows-list 1000000,4000000,16000000 --partitions 64 --runs 3",
                "  sediment bench bulk-import --series leaves --rows 10000000 \\",
                "      --leaves-list 16,64,256,1024,4096 --partitions 64 --runs 3",
                "  sediment bench bulk-import --series skew --rows 10000000 \\",
                "      --hot-key-fraction 0.3 --partitions 64 --runs 3"})
public final class BulkImportBenchCommand implements Callable<Integer> {
    /** The series of issue #13; lower case, as typed. */
    enum Series { rows, leaves, skew }

    @Mixin
    BenchInput input;
    @Option(names = "--runs", paramLabel = "N", description = "Runs of each route or point; the median is reported (default 3).")
    int runs = 3;
    @Option(names = "--table-property", paramLabel = "KEY=VALUE", description = {
            "A property of the table Sediment imports into, e.g. sleeper.table.parquet.dictionary.encoding.value.fields=true",
            "to measure with dictionary-encoded value columns as the Spark routes write them. Repeatable."})
    Map<String, String> tableProperties = new LinkedHashMap<>();
    @Option(names = "--series", paramLabel = "rows|leaves|skew", description = {
            "Time only the bulk import, at each point of a series: each point --runs times into a fresh table (the median"
                    + " reported), after --warm-up-runs untimed imports.",
            "rows: the cost per row at each of --rows-list rows into --partitions leaves; the largest row count's ns/row"
                    + " over the smallest's (target at most 1.3x).",
            "leaves: --rows rows into each of --leaves-list leaves and --partitions leaves (the reference, added if not"
                    + " listed); each time over the reference's (target for the most leaves at most 1.5x).",
            "skew: --rows rows, --hot-key-fraction of them with one key, into an empty table that the import pre-splits"
                    + " to --partitions leaves (sleeper.table.bulk.import.min.leaf.partitions), and into --partitions"
                    + " leaves split by hand at even key ranges; both times, their ratio, and each table's largest file's"
                    + " rows over its mean file's."})
    Series series;
    @Option(names = "--rows-list", split = ",", paramLabel = "N", defaultValue = "1000000,4000000,16000000",
            description = "With --series rows: the row counts (default ${DEFAULT-VALUE}).")
    List<Long> rowsList;
    @Option(names = "--leaves-list", split = ",", paramLabel = "P", defaultValue = "16,64,256,1024,4096",
            description = "With --series leaves: the leaf counts (default ${DEFAULT-VALUE}); --partitions is the reference.")
    List<Integer> leavesList;
    @Option(names = "--hot-key-fraction", paramLabel = "F", description = "With --series skew: the fraction of the rows"
            + " that have the one hot key (default 0.3).")
    double hotKeyFraction = BulkImportScaleBenchmark.DEFAULT_HOT_KEY_FRACTION;
    @Option(names = "--warm-up-runs", paramLabel = "N", description = "With --series: untimed imports of the series' smallest"
            + " input first, so that the JIT warms up on none of the points (default 1).")
    int warmUpRuns = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        BenchSession.run("sediment-bench-bulk-import", input.master, input.workDir, (spark, dir) -> {
            if (series == null) {
                BulkImportBenchmark bench = new BulkImportBenchmark(spark, dir, spec.commandLine().getOut());
                List<BulkImportBenchmark.Timing> timings = bench.run(input.rows, input.partitions, runs, input.inputFiles, tableProperties);
                bench.print(timings, input.rows, input.partitions);
                return;
            }
            BulkImportScaleBenchmark bench = new BulkImportScaleBenchmark(spark, dir, spec.commandLine().getOut());
            BulkImportScaleBenchmark.Runs how = new BulkImportScaleBenchmark.Runs(runs, warmUpRuns, input.inputFiles, tableProperties);
            switch (series) {
                case rows -> bench.printRows(bench.rowsSeries(rowsList, input.partitions, how), how);
                case leaves -> bench.printLeaves(bench.leavesSeries(input.rows, leavesList, input.partitions, how),
                        input.partitions, how);
                case skew -> bench.printSkew(bench.skewSeries(input.rows, hotKeyFraction, input.partitions, how), hotKeyFraction, how);
            }
        });
        return 0;
    }

    /** Options that belong to another series (or to none without --series) are refused rather than ignored. */
    void checkOptions() {
        ParseResult given = spec.commandLine().getParseResult();
        if (series == null) {
            for (String option : List.of("--rows-list", "--leaves-list", "--hot-key-fraction", "--warm-up-runs")) {
                if (given.hasMatchedOption(option)) {
                    throw new InvalidInputException(option + " is an option of --series");
                }
            }
        } else {
            refuse(given, "--rows", Series.leaves, Series.skew);
            refuse(given, "--rows-list", Series.rows);
            refuse(given, "--leaves-list", Series.leaves);
            refuse(given, "--hot-key-fraction", Series.skew);
        }
        if (runs < 1) {
            throw new InvalidInputException("--runs must be at least 1, not " + runs);
        }
        if (warmUpRuns < 0) {
            throw new InvalidInputException("--warm-up-runs must not be negative, not " + warmUpRuns);
        }
    }

    private void refuse(ParseResult given, String option, Series... takenBy) {
        if (given.hasMatchedOption(option) && !List.of(takenBy).contains(series)) {
            throw new InvalidInputException(option + " is not an option of --series " + series + " (it is of --series "
                    + String.join(" and ", java.util.Arrays.stream(takenBy).map(Enum::name).toList()) + ")");
        }
    }
}
