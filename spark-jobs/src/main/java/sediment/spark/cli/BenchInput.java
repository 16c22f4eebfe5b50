package sediment.spark.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What every benchmark generates and where it runs: the same options, so that the routes of two benchmarks compare. */
public final class BenchInput {
    @Option(names = "--rows", paramLabel = "N", description = "Rows to generate (default 10000000).")
    long rows = 10_000_000;
    @Option(names = "--partitions", paramLabel = "P", description = "Leaf partitions of the table (default 64).")
    int partitions = 64;
    @Option(names = "--input-files", paramLabel = "N", description = "Input files (default 8).")
    int inputFiles = 8;
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master for the routes that run on Spark (default local[2]).")
    String master = "local[2]";
    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a new temporary one, deleted after).")
    Path workDir;
}
