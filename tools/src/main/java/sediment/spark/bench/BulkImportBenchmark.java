package sediment.spark.bench;

import org.apache.spark.sql.SparkSession;
import sediment.core.instance.Instance;
import sediment.core.job.BulkImportJob;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.storage.LocalStorage;
import sediment.spark.generate.SampleData;
import sediment.spark.bulkimport.BulkImportJobRunner;
import sediment.spark.bulkimport.BulkImportResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Times a bulk import against what a user would write by hand with Spark's own operators
 * ({@code repartitionByRange} + {@code sortWithinPartitions} + {@code write.parquet}) and against a
 * straight read-and-write copy with no shuffle and no sort (the floor), on the same input in one JVM.
 */
public final class BulkImportBenchmark {
    public static final Schema SCHEMA = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("count", PrimitiveType.LONG), new Field("name", PrimitiveType.STRING),
                    new Field("score", PrimitiveType.DOUBLE)));
    static final long KEY_MAX = 1L << 40;
    /** Table properties that keep the tree as the benchmark made it: its leaf count is a parameter, not pre-split. */
    public static final Map<String, String> AS_SPLIT =
            Map.of(sediment.core.instance.SedimentProperties.BULK_IMPORT_MIN_LEAF_PARTITIONS.name(), "1");

    private final SparkSession spark;
    private final Path workDir;
    private final PrintWriter out;

    public BulkImportBenchmark(SparkSession spark, Path workDir, PrintWriter out) {
        this.spark = spark;
        this.workDir = workDir;
        this.out = out;
    }

    public record Timing(String route, double medianSeconds, long peakHeapBytes) {
    }

    public List<Timing> run(long rows, int partitions, int runs, int inputFiles, Map<String, String> tableProperties)
            throws IOException {
        Path input = workDir.resolve("input");
        generate(spark, out, input, rows, inputFiles, SampleData.Skew.NONE);
        Instance instance = Instance.init(workDir.resolve("instance").toString(), null);
        List<Object> splitPoints = evenSplits(partitions);
        double[][] seconds = new double[3][runs];
        long[] peak = new long[3];
        for (int r = 0; r < runs; r++) {
            String table = "bench" + r;
            // The leaf count is the benchmark's parameter: no pre-splitting unless the caller asks for it.
            Map<String, String> properties = new java.util.HashMap<>(tableProperties);
            AS_SPLIT.forEach(properties::putIfAbsent);
            instance.createTable(table, SCHEMA, splitPoints, properties);
            String inputPath = input.toString();
            seconds[0][r] = time(peak, 0, () -> spark.read().parquet(inputPath).write().mode("overwrite")
                    .parquet(workDir.resolve("copy").toString()));
            seconds[1][r] = time(peak, 1, () -> spark.read().parquet(inputPath).repartitionByRange(partitions, col("key"))
                    .sortWithinPartitions(col("key")).write().mode("overwrite").parquet(workDir.resolve("spark").toString()));
            String jobId = "bench-" + r;
            StageTimes stages = StageTimes.start(spark);
            seconds[2][r] = time(peak, 2, () -> bulkImport(spark, instance, jobId, table, inputPath, rows));
            out.printf(Locale.ROOT, "run %d: copy %.2f s, spark %.2f s, sediment %.2f s%n", r + 1, seconds[0][r],
                    seconds[1][r], seconds[2][r]);
            out.println("  sediment's Spark stages: " + StageTimes.describe(stageTimes(stages)));
        }
        String[] names = {"straight copy (floor)", "Spark repartitionByRange + sort + write", "Sediment bulk import"};
        List<Timing> timings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            timings.add(new Timing(names[i], BenchSession.median(seconds[i]), peak[i]));
        }
        return timings;
    }

    /** Writes {@code rows} generated rows of {@link #SCHEMA} (seed 42) as {@code files} Parquet files under {@code input}. */
    static void generate(SparkSession spark, PrintWriter out, Path input, long rows, int files, SampleData.Skew skew) {
        out.printf(Locale.ROOT, "Generating %,d rows in %d files under %s%s%n", rows, files, input, skew.fraction() > 0
                ? String.format(Locale.ROOT, " (about %.1f%% of them with the key %d)", skew.fraction() * 100, skew.hotKey()) : "");
        SampleData.rows(spark, SCHEMA, rows, KEY_MAX, 42, files, skew).write().mode("overwrite").parquet(input.toString());
    }

    /** A Sediment bulk import of {@code input} into {@code table}; fails unless it committed all {@code rows}. */
    static BulkImportResult bulkImport(SparkSession spark, Instance instance, String jobId, String table, String input,
                                       long rows) {
        BulkImportJob job = new BulkImportJob(jobId, table, List.of(input), Map.of(), Map.of(), null);
        BulkImportResult result = new BulkImportJobRunner(spark, instance).run(job, "bench");
        if (result.rows() != rows) {
            throw new IllegalStateException("bulk import committed " + result.rows() + " rows, expected " + rows);
        }
        return result;
    }

    /** Split points that cut the generated keys' range into {@code partitions} equal parts. */
    static List<Object> evenSplits(int partitions) {
        List<Object> splitPoints = new ArrayList<>();
        for (int i = 1; i < partitions; i++) {
            splitPoints.add(KEY_MAX / partitions * i);
        }
        return splitPoints;
    }

    public void print(List<Timing> timings, long rows, int partitions) {
        double copy = timings.get(0).medianSeconds();
        double baseline = timings.get(1).medianSeconds();
        out.printf(Locale.ROOT, "%nBulk import benchmark: %,d rows into %d partitions, %d cores (median of runs)%n", rows,
                partitions, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "| %-40s | %9s | %12s | %8s | %10s | %14s |%n", "route", "seconds", "rows/s", "× copy",
                "× Spark", "peak heap MiB");
        for (Timing t : timings) {
            out.printf(Locale.ROOT, "| %-40s | %9.2f | %,12.0f | %8.2f | %10.2f | %14d |%n", t.route(), t.medianSeconds(),
                    rows / t.medianSeconds(), t.medianSeconds() / copy, t.medianSeconds() / baseline,
                    t.peakHeapBytes() / (1024 * 1024));
        }
    }

    private static List<StageTimes.Stage> stageTimes(StageTimes stages) {
        try {
            return stages.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static double time(long[] peak, int index, Runnable route) {
        try (HeapSampler sampler = new HeapSampler()) {
            long start = System.nanoTime();
            route.run();
            double s = (System.nanoTime() - start) / 1e9;
            peak[index] = Math.max(peak[index], sampler.peakBytes());
            return s;
        }
    }

    public static void deleteQuietly(Path dir) {
        try {
            new LocalStorage().delete(LocalStorage.qualify(dir));
        } catch (IOException e) {
            // a benchmark's scratch space; nothing depends on it
        }
    }

    public static Path tempDir() throws IOException {
        return Files.createTempDirectory("sediment-bench");
    }
}
