package sediment.reliability;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two bulk imports into a table with too few leaves, in processes of their own, each extending the tree
 * before it writes: both succeed, one building on the other's split, and every row lands once.
 */
class PreSplitRaceTest {
    static final int ROWS = 20_000;
    static final long HEAVY_KEY = 4242;
    static final String MIN_LEAVES = "sleeper.table.bulk.import.min.leaf.partitions";

    @TempDir
    Path dir;

    /** Rows whose keys are uniform over 0..7999, except that 30% of them have one key. */
    private Path skewedInput(String prefix) {
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            long key = i % 10 < 3 ? HEAVY_KEY : (i * 7919L) % 8000;
            data.add(RowFactory.create(key, prefix + "-" + i));
        }
        StructType struct = new StructType().add("key", DataTypes.LongType, false).add("value", DataTypes.StringType, true);
        Path out = dir.resolve("input").resolve(prefix);
        Fixture.spark().createDataFrame(data, struct).repartition(4).write().parquet(out.toString());
        return out;
    }

    private Path job(String id, Path input, String minLeaves) throws Exception {
        Path file = dir.resolve("jobs").resolve(id + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"id\": \"" + id + "\", \"tableName\": \"t\", \"files\": [\"" + input + "\"], "
                + "\"platformSpec\": {\"" + MIN_LEAVES + "\": \"" + minLeaves + "\"}}");
        return file;
    }

    private static long[] rowsPerLeaf(TableState state, PartitionTree tree) {
        long[] counts = new long[tree.leaves().size()];
        for (FileReference f : state.files().values()) {
            List<Object> min = f.minRowKey();
            List<Object> max = f.maxRowKey();
            int leaf = tree.leafIndexFor(min);
            assertThat(tree.leafIndexFor(max)).as("file %s within one leaf", f.path()).isEqualTo(leaf);
            counts[leaf] += f.rows();
        }
        return counts;
    }

    @Test
    void aJobWhoseSplitLosesTheRacePlansAgainOnTheWinnersTreeAndBothCommit() throws Exception {
        Fixture f = new Fixture(dir);
        f.instance.createTable("t", Fixture.SCHEMA, List.of(), Map.of());
        Path uniform = f.input("a", ROWS);
        Path skewed = skewedInput("b");
        // The first job plans 16 leaves on the one-leaf tree and is stopped just before it commits them...
        Cli first = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root(), "SEDIMENT_STOP_AT", "bulk-import:split-planned"),
                "bulk-import", job("first", uniform, "16").toString());
        first.awaitStopped();
        // ...while the second extends the same tree to 8 leaves and commits its rows into them.
        Cli second = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", job("second", skewed, "8").toString());
        assertThat(second.exitCode()).as("%s", second).isZero();
        PartitionTree secondTree = f.state("t").partitions();
        assertThat(secondTree.leaves()).hasSize(8);
        first.signal("CONT");

        assertThat(first.exitCode()).as("%s", first).isZero();
        TableState state = f.state("t");
        PartitionTree tree = state.partitions();
        assertThat(tree.leaves()).hasSize(16);
        for (Partition leaf : secondTree.leaves()) {
            assertThat(tree.partition(leaf.id()).orElseThrow().region()).as("the first job built on %s", leaf.id())
                    .isEqualTo(leaf.region());
        }
        // The first job cut the second's leaves where its own (uniform) rows are: 20,000 rows over 16 leaves, where
        // the second's 8 leaves alone would hold up to 2,850 of them (the heavy key's narrow leaf holds only a few).
        long[] firstCounts = new long[tree.leaves().size()];
        long firstRows = 0;
        for (FileReference file : state.files().values()) {
            if (file.path().substring(file.path().lastIndexOf('/') + 1).startsWith("first.")) {
                Partition leaf = tree.partition(file.partitionId()).orElseThrow();
                assertThat(leaf.isLeaf()).as("the first job's files are in leaves of the tree it committed against").isTrue();
                firstCounts[tree.leaves().indexOf(leaf)] += file.rows();
                firstRows += file.rows();
            }
        }
        assertThat(firstRows).isEqualTo(ROWS);
        assertThat(java.util.Arrays.stream(firstCounts).max().orElseThrow()).isLessThanOrEqualTo(2_000L);
        f.assertIntact("t", Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS)));
        assertThat(f.strays("t")).isEmpty();
        // The skewed job's heavy key has a leaf of its own among its 8; the others share the rest of its rows.
        TableState afterSecond = sediment.core.instance.Instance.open(f.root()).table("t").log().stateAt(3);
        long[] secondCounts = rowsPerLeaf(afterSecond, secondTree);
        int heavy = secondTree.leafIndexFor(List.of(HEAVY_KEY));
        // A leaf is a range: it holds the heavy key and the few keys up to the next sampled one.
        assertThat(secondCounts[heavy]).isBetween(ROWS * 3L / 10, ROWS * 3L / 10 + 100);
        for (int i = 0; i < secondCounts.length; i++) {
            if (i != heavy) {
                assertThat(secondCounts[i]).as("leaf %d of 7 sharing 14,000 rows", i).isBetween(1_500L, 2_500L);
            }
        }
    }

    @Test
    void twoJobsExtendingTheSameTreeAtOnceBothCommitEveryRowOnce() throws Exception {
        Fixture f = new Fixture(dir);
        f.instance.createTable("t", Fixture.SCHEMA, List.of(), Map.of());
        Cli a = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", job("at-once-a", f.input("a", ROWS), "16").toString());
        Cli b = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", job("at-once-b", skewedInput("b"), "16").toString());

        assertThat(a.exitCode()).as("%s", a).isZero();
        assertThat(b.exitCode()).as("%s", b).isZero();
        TableState state = f.state("t");
        assertThat(state.partitions().leaves().size()).isBetween(16, 32);
        f.assertIntact("t", Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS)));
        assertThat(f.strays("t")).isEmpty();
        Set<String> partitions = new HashSet<>();
        state.files().values().forEach(file -> partitions.add(file.partitionId()));
        assertThat(partitions).allSatisfy(p -> assertThat(state.partitions().partition(p)).isPresent());
    }
}
