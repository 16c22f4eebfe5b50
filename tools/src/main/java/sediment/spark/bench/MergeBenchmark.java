package sediment.spark.bench;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import sediment.core.merge.MergeJob;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeOptions;
import sediment.core.storage.LocalStorage;
import sediment.spark.generate.IntradayGenerator;
import sediment.spark.merge.MergeData;
import sediment.spark.merge.MergeMain;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

/**
 * Times a merge against two baselines in one JVM, on the same generated intraday data:
 * <ul>
 * <li>copy: read the intraday files and write them back as Parquet, no reordering (the floor);</li>
 * <li>plain Spark: repartition by the key formula, a window count for group sizes, a sort by group
 * size, group key, sort column and arrival within partitions, write;</li>
 * <li>Sediment's merge (maximum throughput, validate=false), and once with validation.</li>
 * </ul>
 * Routes rotate each round; medians of wall and process CPU time are reported. Optionally a
 * lowHeapUsage merge runs in a child JVM with a small heap.
 */
public final class MergeBenchmark {
    public record Settings(String workDir, long rows, int symbols, int files, int writablePartitions, String codec, int rounds,
                           String lowHeapXmx, boolean generate) {
    }

    record Timing(double wall, double cpu) {
    }

    private final SparkSession spark;
    private final Settings s;
    private final PrintWriter out;
    private final String db;
    private static final String NS = "Bench";
    private static final String TABLE = "Trades";
    private static final String DAY = "2024-01-02";

    public MergeBenchmark(SparkSession spark, Settings settings, PrintWriter out) {
        this.spark = spark;
        this.s = settings;
        this.out = out;
        this.db = new java.io.File(settings.workDir(), "db").getAbsolutePath();
    }

    public void run() throws Exception {
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.conf().set("spark.sql.parquet.compression.codec", s.codec().toLowerCase(Locale.ROOT));
        String intraday = MergeLayout.at(db).intradayDir(NS, TABLE, DAY);
        java.nio.file.Path marker = java.nio.file.Path.of(s.workDir(), "generated.txt");
        String wanted = s.rows() + " rows, " + s.symbols() + " symbols, " + s.files() + " files, " + s.writablePartitions() + " writable";
        if (s.generate() || !Files.exists(marker) || !Files.readString(marker).equals(wanted)) {
            out.println("Generating " + wanted + " in " + s.workDir() + " ...");
            deleteTree(s.workDir());
            long t0 = System.nanoTime();
            IntradayGenerator.write(spark, new IntradayGenerator.Spec(db, NS, TABLE, DAY, s.rows(), s.symbols(), s.files(),
                    s.writablePartitions(), 1, true));
            Files.writeString(marker, wanted);
            out.printf(Locale.ROOT, "  generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        String[] files = listParquet(intraday);
        long bytes = 0;
        for (String f : files) {
            bytes += Files.size(LocalStorage.toPath(f));
        }
        out.printf(Locale.ROOT, "Input: %,d rows in %d files, %,.1f MB; %d writable partitions; %s; %d cores (local[*])%n",
                s.rows(), files.length, bytes / 1e6, s.writablePartitions(), s.codec(), Runtime.getRuntime().availableProcessors());

        Map<String, List<Timing>> timings = new LinkedHashMap<>();
        List<String> routes = List.of("copy", "plain Spark", "Sediment merge");
        for (String r : routes) {
            timings.put(r, new ArrayList<>());
        }
        // A small warm-up so JIT and Spark's code generation are not charged to the first route.
        time(() -> spark.read().parquet(files).limit(100000).write().mode("overwrite").parquet(s.workDir() + "/warmup"));
        for (int round = 0; round < s.rounds(); round++) {
            for (int i = 0; i < routes.size(); i++) {
                String route = routes.get((i + round) % routes.size());
                Timing t = switch (route) {
                    case "copy" -> time(() -> copy(files));
                    case "plain Spark" -> time(() -> plain(files));
                    default -> time(this::merge);
                };
                timings.get(route).add(t);
                out.printf(Locale.ROOT, "  round %d %-15s %6.1f s wall %6.1f s cpu%n", round + 1, route, t.wall(), t.cpu());
                out.flush();
            }
        }
        Timing validated = time(() -> MergeData.builder(db, NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp")
                .codecName(s.codec()).force(true).sparkSession(spark).build().run());
        Timing copy = median(timings.get("copy"));
        Timing plain = median(timings.get("plain Spark"));
        Timing merge = median(timings.get("Sediment merge"));
        out.println();
        out.println("| route | wall s (median) | rows/s | × copy (wall) | × plain (wall) | cpu s | × copy (cpu) | × plain (cpu) |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (String route : routes) {
            Timing t = median(timings.get(route));
            out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %.2f | %.2f | %.1f | %.2f | %.2f |%n", route, t.wall(), s.rows() / t.wall(),
                    t.wall() / copy.wall(), t.wall() / plain.wall(), t.cpu(), t.cpu() / copy.cpu(), t.cpu() / plain.cpu());
        }
        out.printf(Locale.ROOT, "| Sediment merge with validation | %.1f | %,.0f | %.2f | %.2f | %.1f | %.2f | %.2f |%n", validated.wall(),
                s.rows() / validated.wall(), validated.wall() / copy.wall(), validated.wall() / plain.wall(), validated.cpu(),
                validated.cpu() / copy.cpu(), validated.cpu() / plain.cpu());
        out.printf(Locale.ROOT, "%nSediment merge: %.2f× the plain Spark route (target ≤ 0.7), %.2f× the copy floor (target ≤ 2.5), wall"
                + " medians of %d rounds%n", merge.wall() / plain.wall(), merge.wall() / copy.wall(), s.rounds());
        if (s.lowHeapXmx() != null) {
            lowHeapChild();
        }
        out.flush();
    }

    private void copy(String[] files) {
        spark.read().parquet(files).write().mode("overwrite").parquet(s.workDir() + "/copy");
    }

    /** The straightforward Spark route to the same layout and order. */
    private void plain(String[] files) {
        String key = "pmod(hash(Sym), " + s.writablePartitions() + ")";
        Dataset<Row> in = spark.read().parquet(files)
                .select(col("Sym"), col("Timestamp"), col("Price"), col("Size"), col("_metadata.file_name").as("__file"),
                        col("_metadata.row_index").as("__row"));
        Column size = count(lit(1)).over(Window.partitionBy(expr(key), col("Sym")));
        in.repartition(s.writablePartitions(), expr(key))
                .withColumn("__size", size)
                .sortWithinPartitions(desc("__size"), col("Sym"), col("Timestamp"), col("__file"), col("__row"))
                .drop("__size", "__file", "__row")
                .write().mode("overwrite").parquet(s.workDir() + "/plain");
    }

    private void merge() {
        MergeData.builder(db, NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp").codecName(s.codec())
                .force(true).validate(false).sparkSession(spark).build().run();
    }

    /** A lowHeapUsage merge in a child JVM whose heap (driver and executor in local mode) is small. */
    private void lowHeapChild() throws IOException, InterruptedException {
        MergeOptions options = MergeOptions.builder().partitionColumnValue(DAY).sortColumnFormula("Timestamp").codecName(s.codec())
                .force(true).lowHeapUsage(true).threadPoolSize(1).build();
        java.nio.file.Path job = java.nio.file.Path.of(s.workDir(), "low-heap-job.json");
        Files.write(job, MergeJob.of("bench-low-heap", db, NS, TABLE, options).toJson());
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + s.lowHeapXmx());
        command.add("-XX:+UseG1GC");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dlog4j")) {
                command.add(arg);
            }
        }
        // The job contract wants an instance for the job's status records; the benchmark keeps one beside its db.
        String instance = sediment.core.instance.Instance.init(java.nio.file.Path.of(s.workDir(), "instance").toString(), null).root();
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), MergeMain.class.getName(),
                "--instance", instance, "--platform", "local", job.toString()));
        out.println();
        out.println("lowHeapUsage merge in a child JVM with -Xmx" + s.lowHeapXmx() + " (driver and executor share that heap in local mode):");
        out.flush();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("Merged") || line.startsWith("  ") || line.startsWith("Validation") || line.startsWith("error")
                    || line.contains("OutOfMemory")) {
                out.println("  " + line);
            }
        }
        out.printf(Locale.ROOT, "  exit code %d after %.1f s including JVM and Spark start-up%n", code, (System.nanoTime() - t0) / 1e9);
    }

    private Timing time(Runnable r) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        r.run();
        return new Timing((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
    }

    private static Timing median(List<Timing> ts) {
        double[] w = ts.stream().mapToDouble(Timing::wall).sorted().toArray();
        double[] c = ts.stream().mapToDouble(Timing::cpu).sorted().toArray();
        return new Timing(w[w.length / 2], c[c.length / 2]);
    }

    private String[] listParquet(String dir) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        return Arrays.stream(fs.listStatus(p, f -> f.getName().endsWith(".parquet"))).map(f -> f.getPath().toString()).sorted()
                .toArray(String[]::new);
    }

    private static void deleteTree(String dir) throws IOException {
        java.nio.file.Path p = java.nio.file.Path.of(dir);
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (java.nio.file.Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
        Files.createDirectories(p);
    }
}
