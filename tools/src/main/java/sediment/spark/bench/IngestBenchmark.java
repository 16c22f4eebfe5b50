package sediment.spark.bench;

import org.apache.spark.sql.SparkSession;
import sediment.core.instance.Instance;
import sediment.core.job.BulkImportJob;
import sediment.spark.generate.SampleData;
import sediment.spark.bulkimport.BulkImportJobRunner;
import sediment.spark.bulkimport.BulkImportResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the standard ingest against the bulk import and a straight copy, on the same input in one run.
 * The ingest runs in a JVM of its own with a small heap ({@code -Xmx}), as it would in a container, and
 * its heap after collections (the most left after any, and after a full one) is read from that JVM's GC log; its time is the one it reports, which leaves out JVM
 * start-up as the in-process bulk import's time leaves out Spark's. Each route's CPU time is reported too: on a shared machine wall
 * times follow the load, CPU times much less.
 */
public final class IngestBenchmark {
    private static final Pattern SECONDS = Pattern.compile(" in ([0-9.]+) s \\(");
    private static final Pattern CPU = Pattern.compile(Pattern.quote(IngestBenchChild.CPU_LINE) + "([0-9.]+)");
    /** A GC log line's heap after the collection: what stayed live, which a bounded ingest keeps flat as input grows. */
    private static final Pattern HEAP_AFTER = Pattern.compile(" [0-9]+M->([0-9]+)M\\(");

    private final SparkSession spark;
    private final Path workDir;
    private final PrintWriter out;

    public IngestBenchmark(SparkSession spark, Path workDir, PrintWriter out) {
        this.spark = spark;
        this.workDir = workDir;
        this.out = out;
    }

    /**
     * A route's median wall time, its median CPU time (all threads of its JVM) and, for the ingest, the most heap left
     * after any collection (an upper bound: a young collection leaves old-generation garbage in place) and the most left
     * after a full collection (what was live then; -1 when there was none).
     */
    public record Timing(String route, double medianSeconds, double medianCpuSeconds, long peakHeapMiB, long peakAfterFullGcMiB) {
    }

    public List<Timing> run(long rows, int partitions, int runs, int inputFiles, String ingestHeap) throws Exception {
        Path input = workDir.resolve("input");
        out.printf(Locale.ROOT, "Generating %,d rows in %d files under %s%n", rows, inputFiles, input);
        SampleData.rows(spark, BulkImportBenchmark.SCHEMA, rows, BulkImportBenchmark.KEY_MAX, 42, inputFiles).write()
                .mode("overwrite").parquet(input.toString());
        Instance instance = Instance.init(workDir.resolve("instance").toString(), null);
        List<Object> splits = BulkImportBenchmark.evenSplits(partitions);
        double[][] seconds = new double[3][runs];
        double[][] cpu = new double[3][runs];
        long ingestPeak = 0;
        long ingestPeakFull = -1;
        for (int r = 0; r < runs; r++) {
            // Both routes write into the same tree: no pre-splitting for the bulk import.
            instance.createTable("bulk" + r, BulkImportBenchmark.SCHEMA, splits, BulkImportBenchmark.AS_SPLIT);
            instance.createTable("ingest" + r, BulkImportBenchmark.SCHEMA, splits, Map.of());
            long start = System.nanoTime();
            double cpuStart = IngestBenchChild.processCpuSeconds();
            spark.read().parquet(input.toString()).write().mode("overwrite").parquet(workDir.resolve("copy").toString());
            seconds[0][r] = (System.nanoTime() - start) / 1e9;
            cpu[0][r] = IngestBenchChild.processCpuSeconds() - cpuStart;
            BulkImportJob job = new BulkImportJob("bench-bulk-" + r, "bulk" + r, List.of(input.toString()), Map.of(), Map.of(), null);
            start = System.nanoTime();
            cpuStart = IngestBenchChild.processCpuSeconds();
            BulkImportResult bulk = new BulkImportJobRunner(spark, instance).run(job, "bench");
            seconds[1][r] = (System.nanoTime() - start) / 1e9;
            cpu[1][r] = IngestBenchChild.processCpuSeconds() - cpuStart;
            check(bulk.rows(), rows, "bulk import");
            Child child = ingest(instance, "ingest" + r, input, ingestHeap, r);
            seconds[2][r] = child.seconds();
            cpu[2][r] = child.cpuSeconds();
            ingestPeak = Math.max(ingestPeak, child.peakHeapMiB());
            ingestPeakFull = Math.max(ingestPeakFull, child.peakAfterFullGcMiB());
            out.printf(Locale.ROOT, "run %d: copy %.2f s (CPU %.2f s), bulk import %.2f s (CPU %.2f s), ingest %.2f s (CPU %.2f s"
                            + " with JVM start-up; heap after collections at most %d MiB of %s, after full collections %s)%n", r + 1,
                    seconds[0][r], cpu[0][r], seconds[1][r], cpu[1][r], seconds[2][r], cpu[2][r], child.peakHeapMiB(), ingestHeap,
                    child.peakAfterFullGcMiB() < 0 ? "none ran" : "at most " + child.peakAfterFullGcMiB() + " MiB");
        }
        return List.of(new Timing("straight copy (floor)", BenchSession.median(seconds[0]), BenchSession.median(cpu[0]), -1, -1),
                new Timing("Sediment bulk import (Spark, in-process)", BenchSession.median(seconds[1]), BenchSession.median(cpu[1]),
                        -1, -1),
                new Timing("Sediment standard ingest (-Xmx" + ingestHeap + ")", BenchSession.median(seconds[2]),
                        BenchSession.median(cpu[2]), ingestPeak, ingestPeakFull));
    }

    private record Child(double seconds, double cpuSeconds, long peakHeapMiB, long peakAfterFullGcMiB) {
    }

    /** Runs the ingest in a JVM of its own and reads its time from its summary and its peak heap from its GC log. */
    private Child ingest(Instance instance, String table, Path input, String heap, int run) throws Exception {
        Path job = workDir.resolve("ingest-job-" + run + ".json");
        Files.writeString(job, "{\"id\": \"bench-ingest-" + run + "\", \"tableName\": \"" + table + "\", \"files\": [\""
                + input + "\"]}");
        Path gcLog = workDir.resolve("ingest-gc-" + run + ".log");
        Path output = workDir.resolve("ingest-" + run + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseParallelGC", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                IngestBenchChild.class.getName(), "--instance", instance.root(), "--platform", "bench", job.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int code = p.waitFor();
        String printed = Files.readString(output);
        if (code != 0) {
            throw new IllegalStateException("the ingest exited with " + code + ": " + printed);
        }
        Matcher m = SECONDS.matcher(printed);
        if (!m.find()) {
            throw new IllegalStateException("the ingest printed no time: " + printed);
        }
        Matcher c = CPU.matcher(printed);
        double cpuSeconds = c.find() ? Double.parseDouble(c.group(1)) : Double.NaN;
        long peak = 0;
        long peakFull = -1;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher h = HEAP_AFTER.matcher(line);
            if (h.find()) {
                long after = Long.parseLong(h.group(1));
                peak = Math.max(peak, after);
                if (line.contains("Pause Full")) {
                    peakFull = Math.max(peakFull, after);
                }
            }
        }
        return new Child(Double.parseDouble(m.group(1)), cpuSeconds, peak, peakFull);
    }

    public void print(List<Timing> timings, long rows, int partitions) {
        double copy = timings.get(0).medianSeconds();
        double bulk = timings.get(1).medianSeconds();
        out.printf(Locale.ROOT, "%nIngest benchmark: %,d rows into %d partitions, %d cores (median of runs)%n", rows, partitions,
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "| %-44s | %9s | %12s | %8s | %14s | %8s | %14s | %16s |%n", "route", "seconds", "rows/s", "× copy",
                "× bulk import", "CPU s", "peak heap MiB", "peak live MiB");
        for (Timing t : timings) {
            out.printf(Locale.ROOT, "| %-44s | %9.2f | %,12.0f | %8.2f | %14.2f | %8.2f | %14s | %16s |%n", t.route(), t.medianSeconds(),
                    rows / t.medianSeconds(), t.medianSeconds() / copy, t.medianSeconds() / bulk, t.medianCpuSeconds(),
                    t.peakHeapMiB() < 0 ? "" : Long.toString(t.peakHeapMiB()),
                    t.peakAfterFullGcMiB() < 0 ? "" : Long.toString(t.peakAfterFullGcMiB()));
        }
        out.printf(Locale.ROOT, "peak heap: the most left after any collection (young ones leave old garbage); peak live: the most"
                + " left after a full collection.%n");
        out.printf(Locale.ROOT, "CPU s: every thread of the route's JVM during the route; the ingest's includes its JVM's start-up.%n");
    }

    private static void check(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " committed " + actual + " rows, expected " + expected);
        }
    }

}
