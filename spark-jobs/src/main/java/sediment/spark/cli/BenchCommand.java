package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time Sediment's jobs against plain Spark baselines in one JVM.",
        footer = {"%nExamples:", "  sediment bench bulk-import --rows 10000000 --partitions 64",
                "  sediment bench read --rows 10000000 --partitions 64"})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
