package sediment.spark.bench;

import org.apache.spark.sql.SparkSession;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.instance.SedimentProperties;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.spark.generate.SampleData;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * How the bulk import scales (issue #13), each series measured in one run and printed with its ratio:
 * <ul>
 *   <li>{@link #rowsSeries rows}: the cost per row at several row counts into the same leaf count;</li>
 *   <li>{@link #leavesSeries leaves}: the same rows into several leaf counts, against a reference count;</li>
 *   <li>{@link #skewSeries skew}: a first import of rows of which a fraction share one hot key, into an empty
 *       table (one leaf) that the import pre-splits itself, against the same import into a table split by hand
 *       at even key ranges; with the balance of the files each committed.</li>
 * </ul>
 * Only Sediment's bulk import is timed: each ratio is against a point of the same series. Every point imports
 * into a fresh table, which keeps the tree it was made with ({@link BulkImportBenchmark#AS_SPLIT}) except the
 * skew series' pre-split route. Within a run every point is imported once, starting from a different point each
 * run so that none always runs first; each point's time is the median of its runs. Untimed warm-up imports go
 * first, so that the JIT's warming up does not fall on one point. Once a point's files are read from its log,
 * its data files are deleted (its log stays): a series needs the disk of its inputs and of one import.
 */
public final class BulkImportScaleBenchmark {
    public static final List<Long> DEFAULT_ROWS = List.of(1_000_000L, 4_000_000L, 16_000_000L);
    public static final List<Integer> DEFAULT_LEAVES = List.of(16, 64, 256, 1024, 4096);
    public static final double DEFAULT_HOT_KEY_FRACTION = 0.3;
    /** Issue #13: the largest row count's cost per row at most this multiple of the smallest's. */
    public static final double ROWS_TARGET = 1.3;
    /** Issue #13: the most leaves at most this multiple of the reference leaf count's time. */
    public static final double LEAVES_TARGET = 1.5;
    /** A third of the way through the generated keys' range: inside a leaf, not on a cut, of every even split by a power of two. */
    public static final long HOT_KEY = BulkImportBenchmark.KEY_MAX / 3;

    private final SparkSession spark;
    private final Path workDir;
    private final PrintWriter out;
    private final Instance instance;

    public BulkImportScaleBenchmark(SparkSession spark, Path workDir, PrintWriter out) {
        this.spark = spark;
        this.workDir = workDir;
        this.out = out;
        this.instance = Instance.init(workDir.resolve("instance").toString(), null);
    }

    /**
     * How every point of a series is run.
     *
     * @param runs            timed imports of each point; the median is reported
     * @param warmUps         untimed imports before them (of the series' smallest input)
     * @param inputFiles      Parquet files each input is generated as
     * @param tableProperties properties of every table imported into, over the benchmark's own
     */
    public record Runs(int runs, int warmUps, int inputFiles, Map<String, String> tableProperties) {
        public Runs {
            if (runs < 1 || warmUps < 0 || inputFiles < 1) {
                throw new InvalidInputException("runs must be at least 1, warm-ups at least 0 and input files at least 1,"
                        + " not " + runs + ", " + warmUps + " and " + inputFiles);
            }
            tableProperties = Map.copyOf(tableProperties);
        }
    }

    /**
     * What a point's table held after its import, read from the committed log: the leaves of its tree and
     * its files' rows. The hot leaf is the one holding the hot key (skew series only; none otherwise).
     */
    public record Layout(int leaves, int files, long rows, long largestFileRows, long hotLeafRows, int otherFiles,
                         long largestOtherFileRows) {
        public double meanFileRows() {
            return files == 0 ? 0 : (double) rows / files;
        }

        /** The largest file's rows over the mean file's: 1 is perfectly balanced. */
        public double balance() {
            return largestFileRows / meanFileRows();
        }

        public double hotLeafShare() {
            return (double) hotLeafRows / rows;
        }

        /** {@link #balance} over the files outside the hot key's leaf. */
        public double otherBalance() {
            return otherFiles == 0 ? Double.NaN : largestOtherFileRows / ((double) (rows - hotLeafRows) / otherFiles);
        }
    }

    /**
     * One point of a series: the leaves its tables were created with, its time of every run, and the layout its
     * first run's table committed (whose leaves differ from the first only where the import pre-split the table).
     */
    public record Point(String label, long rows, int leaves, List<Double> seconds, Layout layout) {
        public double medianSeconds() {
            return BenchSession.median(seconds.stream().mapToDouble(Double::doubleValue).toArray());
        }

        public double nanosPerRow() {
            return medianSeconds() * 1e9 / rows;
        }
    }

    /** What one point imports: its input, and the table it creates for every run. */
    private record Route(String label, String table, String input, long rows, int leaves, List<Object> splitPoints,
                         Map<String, String> properties, Long hotKey) {
    }

    /** The cost per row at each of {@code rowCounts} rows into {@code leaves} even leaves; one input per row count. */
    public List<Point> rowsSeries(List<Long> rowCounts, int leaves, Runs runs) {
        if (rowCounts.isEmpty() || rowCounts.stream().anyMatch(n -> n < 1) || new LinkedHashSet<>(rowCounts).size() != rowCounts.size()) {
            throw new InvalidInputException("The row counts must be distinct and at least 1: " + rowCounts);
        }
        checkLeaves(leaves);
        List<Route> routes = new ArrayList<>();
        for (long rows : rowCounts) {
            Path input = workDir.resolve("input-" + rows);
            BulkImportBenchmark.generate(spark, out, input, rows, runs.inputFiles(), SampleData.Skew.NONE);
            routes.add(new Route(String.format(Locale.ROOT, "%,d rows", rows), "rows-" + rows, input.toString(), rows, leaves,
                    BulkImportBenchmark.evenSplits(leaves), asSplit(runs.tableProperties()), null));
        }
        return measure(routes, runs);
    }

    /**
     * {@code rows} rows into each of {@code leafCounts} even leaves and {@code referenceLeaves} (added if not
     * listed), in increasing order; one input for all.
     */
    public List<Point> leavesSeries(long rows, List<Integer> leafCounts, int referenceLeaves, Runs runs) {
        checkRows(rows);
        TreeSet<Integer> counts = new TreeSet<>(leafCounts);
        counts.add(referenceLeaves);
        counts.forEach(BulkImportScaleBenchmark::checkLeaves);
        Path input = workDir.resolve("input-" + rows);
        BulkImportBenchmark.generate(spark, out, input, rows, runs.inputFiles(), SampleData.Skew.NONE);
        List<Route> routes = new ArrayList<>();
        for (int leaves : counts) {
            routes.add(new Route(String.format(Locale.ROOT, "%,d leaves", leaves), "leaves-" + leaves, input.toString(), rows,
                    leaves, BulkImportBenchmark.evenSplits(leaves), asSplit(runs.tableProperties()), null));
        }
        return measure(routes, runs);
    }

    /**
     * {@code rows} rows of which about {@code hotKeyFraction} have the key {@link #HOT_KEY}: first into an empty
     * table (one leaf) that the import pre-splits to {@code leaves} leaves
     * ({@code sleeper.table.bulk.import.min.leaf.partitions}, unless the table properties set it), then into
     * a table of {@code leaves} leaves at even key ranges. The first point is the pre-split route.
     */
    public List<Point> skewSeries(long rows, double hotKeyFraction, int leaves, Runs runs) {
        checkRows(rows);
        checkLeaves(leaves);
        if (leaves < 2) {
            throw new InvalidInputException("The skew series needs at least 2 leaves to pre-split into, not " + leaves);
        }
        if (!(hotKeyFraction >= 0 && hotKeyFraction <= 1)) {
            throw new InvalidInputException("The hot key's fraction of the rows must be between 0 and 1, not " + hotKeyFraction);
        }
        Path input = workDir.resolve("input-skew-" + rows);
        BulkImportBenchmark.generate(spark, out, input, rows, runs.inputFiles(), new SampleData.Skew(hotKeyFraction, HOT_KEY));
        Map<String, String> preSplit = new HashMap<>(runs.tableProperties());
        preSplit.putIfAbsent(SedimentProperties.BULK_IMPORT_MIN_LEAF_PARTITIONS.name(), String.valueOf(leaves));
        String minLeaves = preSplit.get(SedimentProperties.BULK_IMPORT_MIN_LEAF_PARTITIONS.name());
        return measure(List.of(
                new Route("pre-split by the import (from 1 leaf, min.leaf.partitions " + minLeaves + ")", "skew-presplit",
                        input.toString(), rows, 1, List.of(), preSplit, HOT_KEY),
                new Route("split by hand at even key ranges (" + leaves + " leaves)", "skew-even", input.toString(), rows, leaves,
                        BulkImportBenchmark.evenSplits(leaves), asSplit(runs.tableProperties()), HOT_KEY)), runs);
    }

    private List<Point> measure(List<Route> routes, Runs runs) {
        Route smallest = routes.get(0);
        for (Route route : routes) {
            smallest = route.rows() < smallest.rows() ? route : smallest;
        }
        for (int w = 0; w < runs.warmUps(); w++) {
            double s = importOnce(smallest, "warmup-" + smallest.table() + "-" + w).seconds;
            out.printf(Locale.ROOT, "warm-up %d: %s %.2f s (not counted)%n", w + 1, smallest.label(), s);
        }
        int n = routes.size();
        double[][] seconds = new double[n][runs.runs()];
        Layout[] layouts = new Layout[n];
        for (int r = 0; r < runs.runs(); r++) {
            for (int k = 0; k < n; k++) {
                int i = (k + r) % n;
                Route route = routes.get(i);
                Measured m = importOnce(route, route.table() + "-run" + r);
                seconds[i][r] = m.seconds;
                if (layouts[i] == null) {
                    layouts[i] = m.layout;
                }
                out.printf(Locale.ROOT, "run %d: %s %.2f s (%,.0f ns/row): %,d leaves, %,d files, largest/mean file rows %.2f%s%n",
                        r + 1, route.label(), m.seconds, m.seconds * 1e9 / route.rows(), m.layout.leaves(), m.layout.files(),
                        m.layout.balance(), route.hotKey() == null ? "" : String.format(Locale.ROOT,
                                ", hot key's leaf %.1f%% of the rows", m.layout.hotLeafShare() * 100));
                out.println("  Spark stages: " + m.stages);
            }
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Double> times = new ArrayList<>();
            for (double s : seconds[i]) {
                times.add(s);
            }
            Route route = routes.get(i);
            points.add(new Point(route.label(), route.rows(), route.leaves(), List.copyOf(times), layouts[i]));
        }
        return points;
    }

    private record Measured(double seconds, Layout layout, String stages) {
    }

    private Measured importOnce(Route route, String tableBase) {
        String table = tableBase;
        for (int i = 2; instance.tableExists(table); i++) {
            table = tableBase + "-" + i; // a --work-dir used before
        }
        instance.createTable(table, BulkImportBenchmark.SCHEMA, route.splitPoints(), route.properties());
        StageTimes stages = StageTimes.start(spark);
        long start = System.nanoTime();
        BulkImportBenchmark.bulkImport(spark, instance, "bench-" + table, table, route.input(), route.rows());
        double seconds = (System.nanoTime() - start) / 1e9;
        String stageText = StageTimes.describe(stop(stages));
        var t = instance.table(table);
        Layout layout = layout(t.state(), route.hotKey());
        if (layout.rows() != route.rows()) {
            throw new IllegalStateException("table " + table + " holds " + layout.rows() + " rows, expected " + route.rows());
        }
        try {
            instance.storage().delete(t.dataPath());
        } catch (IOException e) {
            // scratch space; the next point does not need it gone
        }
        return new Measured(seconds, layout, stageText);
    }

    static Layout layout(TableState state, Long hotKey) {
        String hotLeaf = hotKey == null ? null : state.partitions().leafFor(List.of(hotKey)).id();
        long rows = 0;
        long largest = 0;
        long hotRows = 0;
        int others = 0;
        long largestOther = 0;
        for (FileReference f : state.files().values()) {
            rows += f.rows();
            largest = Math.max(largest, f.rows());
            if (f.partitionId().equals(hotLeaf)) {
                hotRows += f.rows();
            } else {
                others++;
                largestOther = Math.max(largestOther, f.rows());
            }
        }
        return new Layout(state.partitions().leaves().size(), state.files().size(), rows, largest, hotRows, others, largestOther);
    }

    /** Prints the rows series as a markdown table, then the ratio of the largest row count's ns/row to the smallest's. */
    public void printRows(List<Point> points, Runs runs) {
        Point smallest = points.stream().min(java.util.Comparator.comparingLong(Point::rows)).orElseThrow();
        Point largest = points.stream().max(java.util.Comparator.comparingLong(Point::rows)).orElseThrow();
        out.printf(Locale.ROOT, "%nBulk import cost per row: %d leaves, %d cores (%s)%n", smallest.leaves(),
                Runtime.getRuntime().availableProcessors(), medianOf(runs));
        out.println("| rows | seconds | ns/row | × smallest's ns/row | files |");
        out.println("|---:|---:|---:|---:|---:|");
        for (Point p : points) {
            out.printf(Locale.ROOT, "| %,d | %.2f | %,.0f | %.2f | %,d |%n", p.rows(), p.medianSeconds(), p.nanosPerRow(),
                    p.nanosPerRow() / smallest.nanosPerRow(), p.layout().files());
        }
        double ratio = largest.nanosPerRow() / smallest.nanosPerRow();
        out.printf(Locale.ROOT, "largest/smallest %.2f× (target ≤ %.1f×: %s): ns/row at %,d rows over ns/row at %,d%n", ratio,
                ROWS_TARGET, ratio <= ROWS_TARGET ? "met" : "not met", largest.rows(), smallest.rows());
    }

    /** Prints the leaves series as a markdown table, then the ratio of the most leaves' time to the reference's. */
    public void printLeaves(List<Point> points, int referenceLeaves, Runs runs) {
        Point reference = points.stream().filter(p -> p.leaves() == referenceLeaves).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no point of " + referenceLeaves + " leaves"));
        Point most = points.stream().max(java.util.Comparator.comparingInt(Point::leaves)).orElseThrow();
        out.printf(Locale.ROOT, "%nBulk import of %,d rows by leaf count, %d cores (%s)%n", reference.rows(),
                Runtime.getRuntime().availableProcessors(), medianOf(runs));
        out.printf(Locale.ROOT, "| leaves | seconds | rows/s | × %d leaves | files |%n", referenceLeaves);
        out.println("|---:|---:|---:|---:|---:|");
        for (Point p : points) {
            out.printf(Locale.ROOT, "| %,d | %.2f | %,.0f | %.2f | %,d |%n", p.leaves(), p.medianSeconds(),
                    p.rows() / p.medianSeconds(), p.medianSeconds() / reference.medianSeconds(), p.layout().files());
        }
        double ratio = most.medianSeconds() / reference.medianSeconds();
        out.printf(Locale.ROOT, "%,d leaves/%,d leaves %.2f× (target ≤ %.1f×: %s)%n", most.leaves(), referenceLeaves, ratio,
                LEAVES_TARGET, ratio <= LEAVES_TARGET ? "met" : "not met");
    }

    /** Prints the skew series' two routes as a markdown table with their balance, then the ratio of their times. */
    public void printSkew(List<Point> points, double hotKeyFraction, Runs runs) {
        Point preSplit = points.get(0);
        Point byHand = points.get(1);
        out.printf(Locale.ROOT, "%nFirst import of %,d rows, about %.1f%% of them with one key (%d), %d cores (%s; files of"
                        + " each route's first run)%n", preSplit.rows(), hotKeyFraction * 100, HOT_KEY,
                Runtime.getRuntime().availableProcessors(), medianOf(runs));
        out.println("| route | leaves | seconds | × split by hand | files | largest file rows | mean file rows | largest/mean"
                + " | hot key's leaf | largest/mean of the other files |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Point p : points) {
            Layout l = p.layout();
            out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %,d | %,d | %,.0f | %.2f | %.1f%% | %s |%n", p.label(), l.leaves(),
                    p.medianSeconds(), p.medianSeconds() / byHand.medianSeconds(), l.files(), l.largestFileRows(),
                    l.meanFileRows(), l.balance(), l.hotLeafShare() * 100,
                    Double.isNaN(l.otherBalance()) ? "—" : String.format(Locale.ROOT, "%.2f", l.otherBalance()));
        }
        out.printf(Locale.ROOT, "pre-split by the import/split by hand %.2f× (%.2f s against %.2f s)%n",
                preSplit.medianSeconds() / byHand.medianSeconds(), preSplit.medianSeconds(), byHand.medianSeconds());
    }

    private static String medianOf(Runs runs) {
        return runs.runs() == 1 ? "one run" : "median of " + runs.runs() + " runs";
    }

    private static Map<String, String> asSplit(Map<String, String> tableProperties) {
        Map<String, String> properties = new HashMap<>(tableProperties);
        BulkImportBenchmark.AS_SPLIT.forEach(properties::putIfAbsent);
        return properties;
    }

    private static void checkRows(long rows) {
        if (rows < 1) {
            throw new InvalidInputException("The row count must be at least 1, not " + rows);
        }
    }

    private static void checkLeaves(int leaves) {
        if (leaves < 1) {
            throw new InvalidInputException("A leaf count must be at least 1, not " + leaves);
        }
    }

    private static List<StageTimes.Stage> stop(StageTimes stages) {
        try {
            return stages.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
