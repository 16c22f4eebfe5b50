package sediment.core.merge;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    void writeTemp(String job, int n, String content) throws IOException {
        Path dir = LocalStorage.toPath(commit.temporaryDir(job, n));
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

    List<String> hiddenLeftovers() throws IOException {
        try (Stream<Path> s = Files.walk(db)) {
            return s.map(p -> p.getFileName().toString()).filter(name -> name.contains(".merge-")).toList();
        }
    }

    @Test
    void shouldMoveNewDataIntoPlace() throws IOException {
        writeTemp("j1", 0, "new0");
        writeTemp("j1", 3, "new3");
        commit.commit("j1", List.of(0, 3), List.of(), false, HistoricalCommit.Hook.NONE);
        assertThat(content(0)).isEqualTo("new0");
        assertThat(content(3)).isEqualTo("new3");
        assertThat(commit.existingDestinations()).containsExactly(0, 3);
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void shouldMoveIntoADestinationDirectoryThatHoldsNoData() throws IOException {
        Files.createDirectories(dest(1));
        Files.writeString(dest(1).resolve(".hidden"), "x");
        assertThat(commit.existingDestinations()).isEmpty();
        writeTemp("j0", 1, "new1");
        commit.commit("j0", List.of(1), List.of(), false, HistoricalCommit.Hook.NONE);
        assertThat(content(1)).isEqualTo("new1");
    }

    @Test
    void shouldReplaceEveryOldDestinationIncludingOnesThatGetNoNewRows() throws IOException {
        writeDest(1, "old1");
        writeDest(2, "old2");
        writeTemp("j2", 2, "new2");
        commit.commit("j2", List.of(2), commit.existingDestinations(), true, HistoricalCommit.Hook.NONE);
        assertThat(Files.exists(dest(1))).isFalse();
        assertThat(content(2)).isEqualTo("new2");
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void shouldLeaveOldDataWhenACrashComesBeforeTheCommitIsDecided() throws IOException {
        writeDest(0, "old0");
        writeTemp("j3", 0, "new0");
        assertThatThrownBy(() -> commit.commit("j3", List.of(0), List.of(0), false, point -> {
            throw new IllegalStateException("crash at " + point);
        })).isInstanceOf(IllegalStateException.class);
        // The journal was written: the next run finishes the commit.
        assertThat(commit.recover()).containsExactly("finished the interrupted commit of merge j3");
        assertThat(content(0)).isEqualTo("new0");
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void shouldFinishACommitInterruptedHalfWay() throws IOException {
        for (boolean lateCleanup : new boolean[]{false, true}) {
            writeDest(0, "old0");
            writeDest(1, "old1");
            writeTemp("j4", 0, "new0");
            writeTemp("j4", 1, "new1");
            assertThatThrownBy(() -> commit.commit("j4", List.of(0, 1), List.of(0, 1), lateCleanup, point -> {
                if (point.equals("moved:0")) {
                    throw new IllegalStateException("crash");
                }
            })).isInstanceOf(IllegalStateException.class);
            commit.recover();
            assertThat(content(0)).isEqualTo("new0");
            assertThat(content(1)).isEqualTo("new1");
            assertThat(hiddenLeftovers()).isEmpty();
        }
    }

    @Test
    void shouldDeleteTemporaryDirectoriesOfMergesThatNeverCommitted() throws IOException {
        writeDest(0, "old0");
        writeTemp("dead", 0, "half");
        writeTemp("dead", 5, "half");
        assertThat(commit.recover()).hasSize(2);
        assertThat(content(0)).isEqualTo("old0");
        assertThat(hiddenLeftovers()).isEmpty();
        assertThat(commit.writablePartitionsOnDisk()).containsExactly(0, 5);
        assertThat(commit.existingDestinations()).containsExactly(0);
    }
}
