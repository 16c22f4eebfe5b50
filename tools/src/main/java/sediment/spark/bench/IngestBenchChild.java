package sediment.spark.bench;

import sediment.ingest.IngestMain;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The JVM {@link IngestBenchmark} starts for the ingest: {@link IngestMain} as is, then, on the way out,
 * the CPU time the whole process used (start-up included), so that a wall time taken on a loaded machine
 * can be read against the work done.
 */
public final class IngestBenchChild {
    static final String CPU_LINE = "bench: process CPU seconds ";

    private IngestBenchChild() {
    }

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.printf(Locale.ROOT, "%s%.2f%n", CPU_LINE, processCpuSeconds())));
        IngestMain.main(args);
    }

    /** CPU time of every thread of this JVM so far. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
