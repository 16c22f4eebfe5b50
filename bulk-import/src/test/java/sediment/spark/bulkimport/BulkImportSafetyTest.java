package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.job.OutputVerifier;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.LocalStorage;
import sediment.core.table.DataFileName;
import sediment.core.table.FileReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.LONG_KEY;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.dataFiles;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.longRows;

/** Regression tests for the ways a bulk import used to lose committed files. */
class BulkImportSafetyTest {
    @TempDir
    Path dir;

    private static Map<String, byte[]> contents(Set<String> paths) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        for (String p : paths) {
            out.put(p, Files.readAllBytes(LocalStorage.toPath(p)));
        }
        return out;
    }

    @Test
    void aJobWhoseIdIsAPrefixOfAnothersLeavesTheOthersFilesAlone() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 200L));
        List<Row> first = longRows(600, 1, 300);
        List<Row> second = longRows(400, 2, 300);
        f.run(f.job("imp-1", "t", f.writeInput("a", LONG_KEY, first, 2)));
        Map<String, byte[]> committedFirst = contents(table.state().files().keySet());

        f.run(f.job("imp", "t", f.writeInput("b", LONG_KEY, second, 2)));

        assertThat(contents(committedFirst.keySet())).allSatisfy((path, bytes) ->
                assertThat(bytes).as(path).isEqualTo(committedFirst.get(path)));
        List<Row> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(dataFiles(table)).isEqualTo(table.state().files().keySet());
    }

    @Test
    void twoRunsOfOneJobAtOnceCommitOnceAndTheLoserDeletesOnlyItsOwnFiles() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 200L));
        List<Row> rows = longRows(2000, 3, 300);
        BulkImportJob job = f.job("twice", "t", f.writeInput("a", LONG_KEY, rows, 3));

        CompletableFuture<BulkImportResult> a = CompletableFuture.supplyAsync(() -> f.run(job));
        CompletableFuture<BulkImportResult> b = CompletableFuture.supplyAsync(() -> f.run(job));
        List<BulkImportResult> results = List.of(a.get(), b.get());

        assertThat(results).filteredOn(BulkImportResult::alreadyCommitted).hasSize(1);
        assertThat(results).filteredOn(r -> !r.alreadyCommitted()).singleElement()
                .satisfies(r -> assertThat(r.rows()).isEqualTo(2000));
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(dataFiles(table)).isEqualTo(table.state().files().keySet());
        // Every committed file names one run; the loser's run left nothing behind.
        assertThat(table.state().files().keySet().stream()
                .map(p -> DataFileName.runOf(p.substring(p.lastIndexOf('/') + 1)).orElseThrow()).collect(Collectors.toSet())).hasSize(1);
    }

    @Test
    void aRerunOfACommittedJobKeepsTheRecordOfTheRunThatCommittedIt() {
        BulkImportFixture f = new BulkImportFixture(dir);
        f.table("t", LONG_KEY, List.of(100L));
        BulkImportJob job = f.job("counted", "t", f.writeInput("a", LONG_KEY, longRows(300, 4, 200), 2));
        f.run(job);
        JobStatus original = new JobStatusStore(f.instance).get("counted");

        assertThat(f.run(job).alreadyCommitted()).isTrue();

        JobStatus after = new JobStatusStore(f.instance).get("counted");
        assertThat(after).isEqualTo(original);
        assertThat(after.rows()).isEqualTo(300);
    }

    @Test
    void aJobCommitsEvenWhenItsStatusCannotBeRecordedAndSaysSo() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L));
        List<Row> rows = longRows(300, 5, 200);
        BulkImportJob job = f.job("unrecorded", "t", f.writeInput("a", LONG_KEY, rows, 2));
        // A plain file where the job's status directory belongs: every status write fails, as on a full or broken disk.
        Path statusDir = dir.resolve("instance/status");
        Files.createDirectories(statusDir);
        Files.writeString(statusDir.resolve("unrecorded"), "in the way");

        BulkImportResult result = f.run(job);

        assertThat(result.rows()).isEqualTo(300);
        assertThat(result.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).contains("could not be recorded"));
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void theCommitCheckRefusesFilesThatAreMissingChangedOrShort() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L));
        f.run(f.job("checked", "t", f.writeInput("a", LONG_KEY, longRows(500, 6, 200), 2)));
        List<FileReference> files = List.copyOf(table.state().files().values());
        List<OutputVerifier.Output> good = new ArrayList<>();
        for (FileReference file : files) {
            good.add(new OutputVerifier.Output(file.path(), file.rows(), Files.size(LocalStorage.toPath(file.path()))));
        }
        var conf = f.spark.sparkContext().hadoopConfiguration();
        OutputVerifier.verify("job", good, 500, conf);

        assertThatThrownBy(() -> OutputVerifier.verify("Bulk import job x", good, 501, conf))
                .hasMessage("Bulk import job x committed nothing: its tasks wrote 500 rows but the input holds 501");
        OutputVerifier.Output first = good.get(0);
        List<OutputVerifier.Output> wrongRows = new ArrayList<>(good);
        wrongRows.set(0, new OutputVerifier.Output(first.path(), first.rows() + 1, first.bytes()));
        assertThatThrownBy(() -> OutputVerifier.verify("job", wrongRows, 501, conf))
                .hasMessageContaining(first.path() + " holds " + first.rows() + " rows, but its task wrote " + (first.rows() + 1));
        List<OutputVerifier.Output> wrongSize = new ArrayList<>(good);
        wrongSize.set(0, new OutputVerifier.Output(first.path(), first.rows(), first.bytes() + 7));
        assertThatThrownBy(() -> OutputVerifier.verify("job", wrongSize, 500, conf))
                .hasMessageContaining(first.path() + " has " + first.bytes() + " bytes, but its task wrote " + (first.bytes() + 7));
        Files.delete(LocalStorage.toPath(first.path()));
        assertThatThrownBy(() -> OutputVerifier.verify("job", good, 500, conf)).hasMessageContaining(first.path() + " is missing");
    }
}
