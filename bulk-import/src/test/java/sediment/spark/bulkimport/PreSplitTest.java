package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.log.TransactionLog;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.LONG_KEY;

class PreSplitTest {
    private static final String MIN_LEAVES = "sleeper.table.bulk.import.min.leaf.partitions";

    @TempDir
    Path dir;

    private static List<Row> rows(int uniform, int heavy, long heavyKey, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < uniform; i++) {
            rows.add(BulkImportFixture.row((long) random.nextInt(1_000_000), "u" + seed + "-" + i));
        }
        for (int i = 0; i < heavy; i++) {
            rows.add(BulkImportFixture.row(heavyKey, "h" + seed + "-" + i));
        }
        Collections.shuffle(rows, random);
        return rows;
    }

    private static long[] rowsPerLeaf(TableState state) {
        List<Partition> leaves = state.partitions().leaves();
        long[] counts = new long[leaves.size()];
        for (FileReference f : state.files().values()) {
            counts[leaves.indexOf(state.partitions().partition(f.partitionId()).orElseThrow())] += f.rows();
        }
        return counts;
    }

    @Test
    void splitsAnEmptyTableIntoBalancedLeavesBeforeTheFirstImport() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.instance.createTable("t", LONG_KEY, List.of(), Map.of(MIN_LEAVES, "16"));
        List<Row> rows = rows(32_000, 0, 0, 1);
        Path input = f.writeInput("a", LONG_KEY, rows, 4);

        BulkImportResult result = f.run(f.job("uniform", "t", input));

        TableState state = table.state();
        assertThat(state.partitions().leaves()).hasSize(16);
        assertThat(result.files()).isEqualTo(16);
        for (long c : rowsPerLeaf(state)) {
            assertThat(c).isBetween(1_600L, 2_400L); // 2,000 each, from a sample of 10,000 keys
        }
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void progressCountsTheInputOnceThoughThePreSplitReadsItToo() throws InterruptedException {
        BulkImportFixture f = new BulkImportFixture(dir);
        f.instance.createTable("t", LONG_KEY, List.of(), Map.of(MIN_LEAVES, "8"));
        Path input = f.writeInput("a", LONG_KEY, rows(6_000, 0, 0, 3), 3);
        try (var progress = sediment.spark.ProgressReporter.start(f.spark, new java.io.PrintWriter(java.io.Writer.nullWriter()))) {
            f.run(f.job("watched", "t", input));
            // Listener events arrive asynchronously after the job returns.
            for (int i = 0; i < 100 && (progress.rowsWritten() < 6_000 || progress.rowsRead() < 6_000); i++) {
                Thread.sleep(100);
            }
            assertThat(progress.rowsWritten()).isEqualTo(6_000);
            assertThat(progress.rowsRead()).as("rows read by the write, after the sample's read of the same rows").isEqualTo(6_000);
        }
    }

    @Test
    void givesAKeyHolding30PercentOfTheRowsALeafOfItsOwnAndBalancesTheRest() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.instance.createTable("t", LONG_KEY, List.of(), Map.of(MIN_LEAVES, "16"));
        List<Row> rows = rows(28_000, 12_000, 777_777L, 2);
        Path input = f.writeInput("a", LONG_KEY, rows, 4);

        f.run(f.job("skewed", "t", input));

        TableState state = table.state();
        assertThat(state.partitions().leaves()).hasSize(16);
        long[] counts = rowsPerLeaf(state);
        int heavy = state.partitions().leafIndexFor(List.of(777_777L));
        assertThat(counts[heavy]).as("the heavy key's leaf").isBetween(12_000L, 12_010L);
        for (int i = 0; i < counts.length; i++) {
            if (i != heavy) {
                assertThat(counts[i]).as("leaf %d of 15 sharing 28,000 rows", i).isBetween(1_400L, 2_400L);
            }
        }
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void leavesATableWithEnoughLeavesAsItIsAndDoesNotSample() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.instance.createTable("t", LONG_KEY, BulkImportJobRunnerTest.longSplits(4, 250_000), Map.of(MIN_LEAVES, "4"));
        long version = table.state().version();
        AtomicInteger samples = new AtomicInteger();

        TableState state = PreSplit.ensureMinLeaves(table.log(), 4, () -> {
            samples.incrementAndGet();
            return List.of();
        });

        assertThat(samples).hasValue(0);
        assertThat(state.version()).isEqualTo(version);
    }

    @Test
    void aJobWhoseSplitLostTheRacePlansAgainOnTheWinnersTreeAndBuildsOnIt() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.instance.createTable("t", LONG_KEY, List.of(), Map.of());
        // Two writers, as two processes would be: separate logs over the same files.
        TransactionLog first = f.instance.table("t").log();
        TransactionLog second = f.instance.table("t").log();
        List<List<Object>> sample = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            sample.add(List.of((long) random.nextInt(1_000_000)));
        }
        AtomicInteger firstSamples = new AtomicInteger();

        // The first writer reads the one-leaf tree, then, while it samples, the second extends the tree to 8 leaves.
        TableState firstState = PreSplit.ensureMinLeaves(first, 16, () -> {
            firstSamples.incrementAndGet();
            TableState won = PreSplit.ensureMinLeaves(second, 8, () -> sample);
            assertThat(won.partitions().leaves()).hasSize(8);
            return sample;
        });

        assertThat(firstSamples).as("sampled once, re-planned on the new tree").hasValue(1);
        PartitionTree tree = firstState.partitions();
        assertThat(tree.leaves()).hasSize(16);
        assertThat(table.state().partitions().leaves()).extracting(Partition::id)
                .containsExactlyElementsOf(tree.leaves().stream().map(Partition::id).toList());
        assertThat(firstState.version()).as("create, the second's split, the first's split on top of it").isEqualTo(3);
        assertThat(first.stateAt(2).partitions().leaves()).hasSize(8);
        // Built on the winner's split: every one of its 8 leaves was cut in two, not planned afresh from the root.
        for (Partition leaf : first.stateAt(2).partitions().leaves()) {
            assertThat(tree.partition(leaf.id()).orElseThrow().childIds()).hasSize(2);
        }
    }
}
