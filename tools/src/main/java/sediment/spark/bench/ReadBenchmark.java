package sediment.spark.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.spark.generate.SampleData;
import sediment.spark.bulkimport.BulkImportJobRunner;
import sediment.spark.internal.Scala;
import sediment.spark.read.SedimentScan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;

/**
 * Times reads of a bulk-imported table through the {@code sediment} data source against
 * {@code spark.read.parquet} over the same committed files with the same filter: a key-range query
 * covering a fraction of the key space, and a full scan. Every route materialises all columns of the
 * rows it returns (Spark's {@code noop} sink), and the routes of a run go in turn, in an order that
 * rotates from run to run.
 */
public final class ReadBenchmark {
    private final SparkSession spark;
    private final Path workDir;
    private final PrintStream out;

    public ReadBenchmark(SparkSession spark, Path workDir, PrintStream out) {
        this.spark = spark;
        this.workDir = workDir;
        this.out = out;
    }

    public record Timing(String route, double medianSeconds, long rows, int files) {
    }

    /** What the range query touched: its bounds, the files whose min/max overlap them, and the files the scan planned. */
    public record RangePlan(long from, long to, int overlappingFiles, int plannedFiles, int tableFiles) {
    }

    public record Result(List<Timing> timings, RangePlan range) {
    }

    public Result run(long rows, int partitions, int runs, double fraction) {
        Path input = workDir.resolve("input");
        out.printf(Locale.ROOT, "Generating %,d rows under %s and bulk importing them into %d leaves%n", rows, input, partitions);
        SampleData.rows(spark, BulkImportBenchmark.SCHEMA, rows, BulkImportBenchmark.KEY_MAX, 42, 8).write().mode("overwrite")
                .parquet(input.toString());
        Instance instance = Instance.init(workDir.resolve("instance").toString(), null);
        Table table = instance.createTable("read", BulkImportBenchmark.SCHEMA, BulkImportBenchmark.evenSplits(partitions),
                BulkImportBenchmark.AS_SPLIT);
        new BulkImportJobRunner(spark, instance).run(
                new BulkImportJob("bench-read", "read", List.of(input.toString()), Map.of(), Map.of(), null), "bench");
        TableState state = table.state();
        String[] files = state.files().values().stream().map(FileReference::path).toArray(String[]::new);

        // A range in the middle of a leaf, so that it touches one file as a well-placed query does.
        long width = Math.max(1, (long) (BulkImportBenchmark.KEY_MAX * fraction));
        long leaf = BulkImportBenchmark.KEY_MAX / partitions;
        long from = leaf * (partitions / 2) + (leaf - width) / 2;
        long to = from + width - 1;
        Column range = col("key").between(from, to);
        int overlapping = (int) state.files().values().stream()
                .filter(f -> (Long) f.minRowKey().get(0) <= to && (Long) f.maxRowKey().get(0) >= from).count();

        Supplier<Dataset<Row>> sediment = () -> spark.read().format("sediment").load(table.path());
        Supplier<Dataset<Row>> plain = () -> spark.read().parquet(files);
        List<Route> routes = List.of(
                new Route("Sediment data source, key range", () -> sediment.get().filter(range)),
                new Route("spark.read.parquet(files), key range", () -> plain.get().filter(range)),
                new Route("Sediment data source, full scan", sediment),
                new Route("spark.read.parquet(files), full scan", plain));
        long[] counts = new long[routes.size()];
        for (int i = 0; i < routes.size(); i++) {
            counts[i] = routes.get(i).query.get().count();
        }
        if (counts[0] != counts[1] || counts[2] != counts[3] || counts[2] != rows) {
            throw new IllegalStateException("the routes disagree: range " + counts[0] + " / " + counts[1] + " rows, full scan "
                    + counts[2] + " / " + counts[3] + " rows of " + rows);
        }
        int planned = plannedFiles(routes.get(0).query.get());
        double[][] seconds = new double[routes.size()][runs];
        for (int r = 0; r < runs; r++) {
            StringBuilder line = new StringBuilder("run " + (r + 1) + ":");
            for (int k = 0; k < routes.size(); k++) {
                int i = (k + r) % routes.size();
                seconds[i][r] = time(routes.get(i).query);
                line.append(String.format(Locale.ROOT, " %s %.3f s;", routes.get(i).name, seconds[i][r]));
            }
            out.println(line);
        }
        List<Timing> timings = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            timings.add(new Timing(routes.get(i).name, BenchSession.median(seconds[i]), counts[i],
                    i == 0 ? planned : files.length));
        }
        return new Result(timings, new RangePlan(from, to, overlapping, planned, files.length));
    }

    private record Route(String name, Supplier<Dataset<Row>> query) {
    }

    private static double time(Supplier<Dataset<Row>> query) {
        long start = System.nanoTime();
        query.get().write().format("noop").mode("overwrite").save();
        return (System.nanoTime() - start) / 1e9;
    }

    private static int plannedFiles(Dataset<Row> df) {
        for (SparkPlan leaf : Scala.list(df.queryExecution().sparkPlan().collectLeaves())) {
            if (leaf instanceof BatchScanExec batch && batch.scan() instanceof SedimentScan scan) {
                return scan.plannedFiles().size();
            }
        }
        throw new IllegalStateException("no Sediment scan in the plan:\n" + df.queryExecution().sparkPlan());
    }

    public void print(Result result, long rows, int partitions, double fraction) {
        List<Timing> t = result.timings();
        RangePlan p = result.range();
        out.printf(Locale.ROOT, "%nRead benchmark: %,d rows in %d leaves (%d files), %d cores (median of runs)%n", rows,
                partitions, p.tableFiles(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "Key range [%d, %d] (%.3f%% of the keys): %d file(s) overlap it, the data source planned %d%n",
                p.from(), p.to(), fraction * 100, p.overlappingFiles(), p.plannedFiles());
        out.printf(Locale.ROOT, "| %-38s | %9s | %12s | %6s | %16s |%n", "route", "seconds", "rows", "files", "× plain read");
        for (int i = 0; i < t.size(); i++) {
            Timing timing = t.get(i);
            double plain = t.get(i - i % 2 + 1).medianSeconds();
            out.printf(Locale.ROOT, "| %-38s | %9.3f | %,12d | %6d | %16.2f |%n", timing.route(), timing.medianSeconds(),
                    timing.rows(), timing.files(), timing.medianSeconds() / plain);
        }
        out.printf(Locale.ROOT, "Range query: the plain read takes %.1f× the data source's time; full scan: the data source"
                + " takes %.2f× the plain read's%n", t.get(1).medianSeconds() / t.get(0).medianSeconds(),
                t.get(2).medianSeconds() / t.get(3).medianSeconds());
    }
}
