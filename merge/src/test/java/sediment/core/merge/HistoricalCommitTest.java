package sediment.core.merge;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.run.RunId;
import sediment.core.storage.LocalStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoricalCommitTest {
    @TempDir
    Path db;
    MergeLayout layout;
    HistoricalCommit commit;

    @BeforeEach
    void setUp() {
        layout = MergeLayout.at(db.toString());
        commit = new HistoricalCommit(new LocalStorage(), layout, "Market", "Trades", "2024-01-02");
    }

    Path dest(int n) {
        return LocalStorage.toPath(layout.destinationDir("Market", n, "2024-01-02", "Trades"));
    }

    MergeLease acquire(String job) {
        return commit.acquire(job, RunId.next());
    }

    static void writeTemp(MergeLease lease, int n, String content) throws IOException {
        Path dir = LocalStorage.toPath(lease.temporaryDir(n));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("table.parquet"), content);
    }

    void writeDest(int n, String content) throws IOException {
        Files.createDirectories(dest(n));
        Files.writeString(dest(n).resolve("table.parquet"), content);
    }

    String content(int n) throws IOException {
        return Files.readString(dest(n).resolve("table.parquet"));
    }

    /** Temporary and parked directories left in the historical data. */
    List<String> hiddenLeftovers() throws IOException {
        try (Stream<Path> s = Files.walk(db.resolve("Systems/Market/Partitions"))) {
            return s.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(".merge-") || name.contains("journal")).toList();
        }
    }

    @Test
    void shouldMoveNewDataIntoPlace() throws IOException {
        try (MergeLease lease = acquire("j1")) {
            writeTemp(lease, 0, "new0");
            writeTemp(lease, 3, "new3");
            lease.commit(List.of(0, 3), List.of(), false, HistoricalCommit.Hook.NONE);
        }
        assertThat(content(0)).isEqualTo("new0");
        assertThat(content(3)).isEqualTo("new3");
        assertThat(commit.existingDestinations()).containsExactly(0, 3);
        assertThat(hiddenLeftovers()).isEmpty();
        assertThat(commit.recover("r")).isEmpty();
    }

    @Test
    void shouldMoveIntoADestinationDirectoryThatHoldsNoData() throws IOException {
        Files.createDirectories(dest(1));
        Files.writeString(dest(1).resolve(".hidden"), "x");
        assertThat(commit.existingDestinations()).isEmpty();
        try (MergeLease lease = acquire("j0")) {
            writeTemp(lease, 1, "new1");
            lease.commit(List.of(1), List.of(), false, HistoricalCommit.Hook.NONE);
        }
        assertThat(content(1)).isEqualTo("new1");
    }

    @Test
    void shouldReplaceEveryOldDestinationIncludingOnesThatGetNoNewRows() throws IOException {
        writeDest(1, "old1");
        writeDest(2, "old2");
        try (MergeLease lease = acquire("j2")) {
            writeTemp(lease, 2, "new2");
            lease.commit(List.of(2), commit.existingDestinations(), true, HistoricalCommit.Hook.NONE);
        }
        assertThat(Files.exists(dest(1))).isFalse();
        assertThat(content(2)).isEqualTo("new2");
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void shouldFinishACommitThatCrashedRightAfterItWasDecided() throws IOException {
        writeDest(0, "old0");
        MergeLease lease = acquire("j3");
        writeTemp(lease, 0, "new0");
        assertThatThrownBy(() -> lease.commit(List.of(0), List.of(0), false, point -> {
            throw new IllegalStateException("crash at " + point);
        })).hasMessage("crash at outcome-written");
        lease.close(); // the process is gone
        assertThat(content(0)).isEqualTo("old0");
        assertThat(commit.recover("r")).containsExactly("finished the interrupted commit of merge j3 (run " + lease.runId() + ")");
        assertThat(content(0)).isEqualTo("new0");
        assertThat(hiddenLeftovers()).isEmpty();
        assertThat(commit.recover("r")).isEmpty();
    }

    @Test
    void shouldFinishACommitInterruptedHalfWay() throws IOException {
        for (boolean lateCleanup : new boolean[]{false, true}) {
            for (String crashAt : List.of("replaced:0", "moved:0", "replaced:1", "moved:1")) {
                writeDest(0, "old0");
                writeDest(1, "old1");
                MergeLease lease = acquire("j4");
                writeTemp(lease, 0, "new0");
                writeTemp(lease, 1, "new1");
                assertThatThrownBy(() -> lease.commit(List.of(0, 1), List.of(0, 1), lateCleanup, point -> {
                    if (point.equals(crashAt)) {
                        throw new IllegalStateException("crash");
                    }
                })).isInstanceOf(IllegalStateException.class);
                lease.close();
                assertThat(commit.recover("r")).hasSize(1);
                assertThat(content(0)).as(crashAt).isEqualTo("new0");
                assertThat(content(1)).as(crashAt).isEqualTo("new1");
                assertThat(hiddenLeftovers()).isEmpty();
            }
        }
    }

    @Test
    void shouldFinishAMoveThatACrashInterruptedHalfWayThroughItsCopy() throws IOException {
        // On S3 a directory rename is a copy then a delete: a crash can leave part of the new file in the
        // destination while the whole of it is still in the temporary directory.
        for (boolean lateCleanup : new boolean[]{false, true}) {
            writeDest(0, "old0");
            MergeLease lease = acquire("copy");
            writeTemp(lease, 0, "new0");
            assertThatThrownBy(() -> lease.commit(List.of(0), List.of(0), lateCleanup, point -> {
                if (point.equals("replaced:0")) {
                    throw new IllegalStateException("crash");
                }
            })).isInstanceOf(IllegalStateException.class);
            lease.close();
            writeDest(0, "ne"); // the interrupted copy
            commit.recover("r");
            assertThat(content(0)).isEqualTo("new0");
            assertThat(hiddenLeftovers()).isEmpty();
        }
    }

    @Test
    void shouldDeleteTemporaryDirectoriesOfMergesThatNeverCommitted() throws IOException {
        writeDest(0, "old0");
        MergeLease dead = acquire("dead");
        writeTemp(dead, 0, "half");
        writeTemp(dead, 5, "half");
        dead.close(); // crashed before deciding: no outcome
        List<String> recovered = commit.recover("r");
        assertThat(recovered).hasSize(2).allMatch(r -> r.startsWith("deleted ") && r.contains(".merge-" + dead.runId() + "-Trades")
                && r.contains("left by merge dead (run " + dead.runId() + ") that did not finish"));
        assertThat(content(0)).isEqualTo("old0");
        assertThat(hiddenLeftovers()).isEmpty();
        assertThat(commit.writablePartitionsOnDisk()).containsExactly(0, 5);
        assertThat(commit.existingDestinations()).containsExactly(0);
    }

    @Test
    void shouldDeleteItsOwnTemporaryDirectoriesWhenAbandoned() throws IOException {
        writeDest(0, "old0");
        try (MergeLease lease = acquire("failing")) {
            writeTemp(lease, 0, "half");
            lease.abandon();
        }
        assertThat(content(0)).isEqualTo("old0");
        assertThat(hiddenLeftovers()).isEmpty();
        assertThat(commit.recover("r")).isEmpty();
    }
}
