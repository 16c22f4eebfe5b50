package sediment.spark.bulkimport;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.testutil.CountingFileSystem;
import sediment.core.testutil.CountingStorageProvider;
import sediment.spark.TestSpark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.LONG_KEY;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.longSplits;

/**
 * The driver's work per job is proportional to the files it reads and writes, not to the table's leaves: counted in
 * file system calls (each a request or more on an object store) through {@link CountingFileSystem}, never timed.
 */
class BulkImportScaleTest {

    @TempDir
    Path dir;

    private final SparkSession spark = TestSpark.session();

    private Instance instance() {
        CountingFileSystem.register(spark.sparkContext().hadoopConfiguration());
        return Instance.init(CountingFileSystem.path(dir.resolve("instance")), null);
    }

    private Table table(Instance instance, List<Object> splits) {
        return instance.createTable("t", LONG_KEY, splits, Map.of("sleeper.table.bulk.import.min.leaf.partitions", "1"));
    }

    private static List<Path> inputs(Path into, int copies, long from, long to) throws Exception {
        return sediment.core.testutil.LinkedParquetInputs.create(into, copies, from, to);
    }

    private static BulkImportJob job(String id, Path input) {
        return new BulkImportJob(id, "t", List.of(CountingFileSystem.path(input)), Map.of(), Map.of(), null);
    }

    private static void reset() {
        CountingFileSystem.reset();
        CountingStorageProvider.reset();
    }

    private static void print(String what, double seconds) {
        System.out.printf("%s: %.1f s%n  driver %s%n  tasks  %s%n  storage %d calls%n", what, seconds,
                CountingFileSystem.counts(CountingFileSystem.driver()), CountingFileSystem.counts(c -> c.task()),
                CountingStorageProvider.calls().size());
    }

    /** The driver's listings of the table's leaf directories. */
    private static long listings(Table table) {
        return CountingFileSystem.count("listStatus", CountingFileSystem.driver().and(CountingFileSystem.under(dataDir(table))));
    }

    /** The driver's status requests in the table's leaf directories (an existence check is one). */
    private static long statuses(Table table) {
        return CountingFileSystem.count("getFileStatus", CountingFileSystem.driver().and(CountingFileSystem.under(dataDir(table))));
    }

    private static String dataDir(Table table) {
        return new org.apache.hadoop.fs.Path(table.dataPath()).toUri().getPath();
    }

    private static long dataFiles(Table table) throws java.io.IOException {
        Path data = Path.of(dataDir(table));
        if (!Files.exists(data)) {
            return 0;
        }
        try (var files = Files.walk(data)) {
            // Every file there is a data file: each one's key sketch is in its own footer, not beside it.
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aJobOfManyInputFilesCostsTheDriverAConstantPerFile() throws Exception {
        Instance instance = instance();
        Table table = table(instance, longSplits(100, 100));
        int files = 1_000;
        Path input = dir.resolve("input");
        inputs(input, files, 5_000, 5_002);
        reset();

        long start = System.nanoTime();
        BulkImportResult result = new BulkImportJobRunner(spark, instance).run(job("many-files", input), "test");
        print("whole job, " + files + " input files", (System.nanoTime() - start) / 1e9);

        assertThat(result.rows()).isEqualTo(3L * files);
        assertThat(result.files()).isEqualTo(1);
        var driver = CountingFileSystem.driver();
        // Each input footer once, and the one written file once before the commit.
        assertThat(CountingFileSystem.count("open", driver)).isEqualTo(files + 1);
        // The input directory, and the written file before the commit: none per input file (Spark plans its read
        // from the validator's listing, with no existence check or listing of its own).
        assertThat(CountingFileSystem.count("getFileStatus", driver)).isLessThanOrEqualTo(2);
        // The input directory once, and no leaf directory: no task attempt was retried, so no other attempt's
        // files can be there to clean up.
        assertThat(CountingFileSystem.count("listStatus", driver)).isEqualTo(1);
        assertThat(CountingFileSystem.count("listStatus", c -> c.task())).isZero();
        assertThat(listings(table)).isZero();
        assertThat(statuses(table)).isEqualTo(1);
    }

    @Test
    void planningAJobOfAHundredThousandInputFilesCostsOneOpenPerFile() throws Exception {
        Instance instance = instance();
        table(instance, List.of());
        int files = 100_000;
        Path input = dir.resolve("input");
        inputs(input, files, 1, 2);
        reset();

        long start = System.nanoTime();
        var validated = BulkImportJobRunner.validate(instance, job("planned", input), spark.sparkContext().hadoopConfiguration(),
                "test");
        double validating = (System.nanoTime() - start) / 1e9;
        var rows = BulkImportJobRunner.read(spark, validated, sediment.spark.SparkSchemas.structType(validated.state().schema()));
        // Spark's plan of the scan, split into tasks: what the job would run.
        int partitions = rows.rdd().getNumPartitions();
        print("validating and planning " + files + " input files (validation " + String.format("%.1f", validating) + " s, "
                + partitions + " read tasks)", (System.nanoTime() - start) / 1e9);

        assertThat(validated.inputRows()).isEqualTo(2L * files);
        assertThat(partitions).isPositive();
        assertThat(CountingFileSystem.count("open", c -> true)).isEqualTo(files);
        assertThat(CountingFileSystem.count("getFileStatus", c -> true)).isEqualTo(1);
        assertThat(CountingFileSystem.count("listStatus", c -> true)).isEqualTo(1);
    }

    /**
     * A tree cut every 10 keys, and input keys 15 to 35: leaves 1 to 3. Early leaves, so that a failed job fails in
     * its first task.
     */
    private static final long FROM = 15;
    private static final long TO = 35;

    @Test
    void aJobIntoAFewLeavesListsOnlyTheDirectoriesItWroteToHoweverManyLeavesThereAre() throws Exception {
        Map<Integer, Map<String, Long>> byLeaves = new java.util.TreeMap<>();
        for (int leaves : List.of(100, 10_000)) {
            Path run = dir.resolve("leaves-" + leaves);
            CountingFileSystem.register(spark.sparkContext().hadoopConfiguration());
            Instance instance = Instance.init(CountingFileSystem.path(run.resolve("instance")), null);
            Table table = table(instance, longSplits(leaves, 10));
            Path input = run.resolve("input");
            inputs(input, 4, FROM, TO);
            reset();

            long start = System.nanoTime();
            BulkImportResult result = new BulkImportJobRunner(spark, instance).run(job("narrow", input), "test");
            print("whole job into 3 of " + leaves + " leaves", (System.nanoTime() - start) / 1e9);

            assertThat(result.files()).isEqualTo(3);
            assertThat(dataFiles(table)).isEqualTo(3);
            // No listing of a leaf directory (no attempt was retried), and each written file's status once
            // before the commit.
            assertThat(listings(table)).isZero();
            assertThat(statuses(table)).isEqualTo(3);
            byLeaves.put(leaves, CountingFileSystem.counts(CountingFileSystem.driver()));
        }
        assertThat(byLeaves.get(10_000)).isEqualTo(byLeaves.get(100));
    }

    @Test
    void aFailedJobIntoATreeOfTenThousandLeavesListsOnlyItsOwnDirectory() throws Exception {
        int leaves = 10_000;
        Instance instance = instance();
        Table table = table(instance, longSplits(leaves, 10));
        Path input = dir.resolve("input");
        inputs(input, 4, FROM, TO);
        LeafFileWriter.FailureInjection fail = (leaf, written, task) -> {
            if (leaf == 3 && written == 5) {
                throw new IllegalStateException("injected failure after rows were written");
            }
        };
        reset();

        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BulkImportJobRunner(spark, instance, fail)
                        .run(job("narrow-failed", input), "test"))
                .hasMessageContaining("Bulk import job narrow-failed failed; nothing was committed")
                .hasMessageContaining("injected failure");
        print("failed job into 3 of " + leaves + " leaves", (System.nanoTime() - start) / 1e9);

        assertThat(table.state().files()).isEmpty();
        // Leaves 1 and 2 were written, and leaf 3 by each failed attempt: all gone, found by one listing of the
        // run's directory (not one per leaf), which then goes too.
        assertThat(CountingFileSystem.count("delete", CountingFileSystem.driver())).isGreaterThanOrEqualTo(3);
        assertThat(dataFiles(table)).isZero();
        assertThat(listings(table)).isEqualTo(1);
        try (var left = Files.list(Path.of(dataDir(table)))) {
            assertThat(left).as("the run's directory").isEmpty();
        }
        assertThat(statuses(table)).isZero();
    }
}
