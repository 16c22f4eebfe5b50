package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sediment.spark.LocalSpark;
import sediment.spark.bench.MergeBenchmark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code sediment bench merge}: the merge against a straight copy and against plain Spark, in one JVM. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Benchmark a merge against a straight copy (the floor) and against plain Spark operators.",
                "The Spark operators are repartition by the key formula, window count, sort and write, on generated"
                        + " intraday data. Prints rows/s and ratios; see docs/benchmarks.md."},
        footer = {"%nExample:", "  sediment bench merge --rows 1000000 --rounds 3"})
public final class MergeBenchCommand implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "10000000", description = "Intraday rows (default: ${DEFAULT-VALUE}).")
    long rows;
    @Option(names = "--symbols", defaultValue = "1000", description = "Groups, log-uniformly skewed (default: ${DEFAULT-VALUE}).")
    int symbols;
    @Option(names = "--files", defaultValue = "8", description = "Intraday files (default: ${DEFAULT-VALUE}).")
    int files;
    @Option(names = "--writable-partitions", defaultValue = "4", description = "Writable partitions (default: ${DEFAULT-VALUE}).")
    int writablePartitions;
    @Option(names = "--codec", defaultValue = "SNAPPY", description = "Parquet codec for every route (default: ${DEFAULT-VALUE}).")
    String codec;
    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of all routes; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--dir", defaultValue = "bench-merge", description = "Work directory, reused between runs (default: ${DEFAULT-VALUE}).")
    String dir;
    @Option(names = "--low-heap-xmx", defaultValue = "512m",
            description = "Heap of the child JVM running a lowHeapUsage merge (default: ${DEFAULT-VALUE}); 'none' skips it.")
    String lowHeapXmx;
    @Option(names = "--regenerate", description = "Generate the input again even if the work directory has it.")
    boolean regenerate;

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        new MergeBenchmark(LocalSpark.session("sediment bench merge"), new MergeBenchmark.Settings(dir, rows, symbols, files,
                writablePartitions, codec.toUpperCase(java.util.Locale.ROOT), rounds,
                lowHeapXmx.equalsIgnoreCase("none") ? null : lowHeapXmx, regenerate), out()).run();
        return 0;
    }
}
