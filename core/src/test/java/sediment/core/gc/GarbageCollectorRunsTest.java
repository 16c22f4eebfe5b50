package sediment.core.gc;

import sediment.core.table.AddFiles;
import sediment.core.table.DataFileName;
import sediment.core.table.FileReference;
import sediment.core.table.RevokeRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.RunRevokedException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Table;
import sediment.core.run.RunRegistry;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gc against runs that may still commit: it keeps their files, or revokes them in the log before deleting anything. */
class GarbageCollectorRunsTest {
    @TempDir
    Path tmp;
    TempInstance instance;
    Table table;

    @BeforeEach
    void createTable() {
        instance = TempInstance.create(tmp);
        table = instance.createTable("t", TestSchemas.LONG_KEY, List.of(), Map.of(
                "sleeper.table.job.heartbeat.interval.seconds", "0.2",
                "sleeper.table.job.lease.timeout.seconds", "5"));
    }

    /** A data file named and placed as a run names and places it, not yet committed. */
    private FileReference fileOf(String jobId, String runId, int leaf) throws Exception {
        Path path = LocalStorage.toPath(table.runDataPath(jobId, runId)).resolve(new DataFileName(jobId, runId, leaf, 0).fileName());
        Files.createDirectories(path.getParent());
        Files.writeString(path, "rows of " + runId);
        return new FileReference(LocalStorage.qualify(path), "p", 1, null, null);
    }

    /** Deletions of data files: a live test run's heartbeat may be mid-write, and its temporary file looks old from the future. */
    private static List<GarbageCollector.Deletion> dataDeletions(GarbageCollector.Result result) {
        return result.deletions().stream().filter(d -> d.path().contains("/data/")).toList();
    }

    private GarbageCollector.Result gc(Instant now, boolean dryRun) {
        return GarbageCollector.collect(instance.reopen().table("t"), Duration.ZERO, now, dryRun);
    }

    @Test
    void shouldKeepTheFilesOfARunThatMayStillCommit() throws Exception {
        try (RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import")) {
            FileReference file = fileOf("job-1", run.runId(), 0);

            GarbageCollector.Result result = gc(Instant.now(), false);

            assertThat(result.deletions()).isEmpty();
            assertThat(result.keptRunning()).isEqualTo(1);
            assertThat(LocalStorage.toPath(file.path())).exists();
            assertThat(table.log().commit(new AddFiles("job-1", run.runId(), List.of(file))).alreadyCommitted()).isFalse();
        }
        assertThat(instance.reopen().table("t").state().files()).hasSize(1);
    }

    @Test
    void shouldKeepTheKeySketchOfARunningRunsFileAndCollectItWithTheFileOnceTheRunIsOver() throws Exception {
        RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import");
        FileReference file = fileOf("job-1", run.runId(), 0);
        Path sketch = Path.of(java.net.URI.create(sediment.core.split.SketchFiles.sketchPath(file.path())));
        Files.write(sketch, new byte[]{1});

        assertThat(gc(Instant.now(), false).deletions()).isEmpty();
        assertThat(sketch).exists();

        run.close();
        GarbageCollector.Result later = gc(Instant.now().plusSeconds(60), false);
        assertThat(LocalStorage.toPath(file.path())).doesNotExist();
        assertThat(sketch).doesNotExist();
        assertThat(dataDeletions(later)).anySatisfy(d -> assertThat(d.reason()).startsWith("key sketch of unreferenced data file"));
    }

    @Test
    void shouldRevokeADeadRunBeforeDeletingItsFilesSoItCanNeverCommitThem() throws Exception {
        RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import");
        FileReference file = fileOf("job-1", run.runId(), 0);
        Instant later = Instant.now().plusSeconds(60); // the heartbeat is 60 s stale by then, as if the run were stopped

        GarbageCollector.Result result = gc(later, false);

        assertThat(result.revokedRuns()).singleElement().asString().contains("run " + run.runId() + " of job job-1");
        List<GarbageCollector.Deletion> data = dataDeletions(result);
        assertThat(data).extracting(GarbageCollector.Deletion::path).containsExactly(file.path());
        assertThat(data.get(0).reason()).startsWith("unreferenced file of revoked run " + run.runId());
        assertThat(LocalStorage.toPath(file.path())).doesNotExist();
        assertThat(table.state().revokedRunIds()).containsExactly(run.runId());
        // The run wakes up and tries to commit the file gc deleted: refused, and the table never references it.
        assertThatThrownBy(() -> table.log().commit(new AddFiles("job-1", run.runId(), List.of(file))))
                .isInstanceOf(RunRevokedException.class).hasMessageContaining("nothing was committed: run the job again");
        assertThat(instance.reopen().table("t").state().files()).isEmpty();
        run.close();
    }

    @Test
    void shouldKeepFilesARunCommittedBeforeItsRevocation() throws Exception {
        RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import");
        FileReference file = fileOf("job-1", run.runId(), 0);
        table.log().commit(new AddFiles("job-1", run.runId(), List.of(file)));
        // A revocation that lands after the run's commit (gc read the state before the commit) changes nothing.
        table.log().commit(new RevokeRuns(List.of(run.runId()), "test"));

        GarbageCollector.Result result = gc(Instant.now().plusSeconds(60), false);

        assertThat(dataDeletions(result)).isEmpty();
        assertThat(LocalStorage.toPath(file.path())).exists();
        assertThat(instance.reopen().table("t").state().files()).containsKey(file.path());
        run.close();
    }

    @Test
    void shouldDeleteUnreferencedFilesOfAFinishedRunWithoutRevokingIt() throws Exception {
        String runId;
        FileReference loser;
        try (RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import")) {
            runId = run.runId();
            loser = fileOf("job-1", runId, 1);
        }

        GarbageCollector.Result result = gc(Instant.now(), false);

        assertThat(result.revokedRuns()).isEmpty();
        assertThat(result.deletions()).extracting(GarbageCollector.Deletion::path).containsExactly(loser.path());
        assertThat(table.state().revokedRunIds()).isEmpty();
        assertThat(table.state().version()).isEqualTo(1);
    }

    @Test
    void shouldRemoveARunsDirectoryWithItsLastFileButNoDirectoryThatHoldsAnything() throws Exception {
        String runId;
        FileReference first;
        FileReference second;
        try (RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import")) {
            runId = run.runId();
            first = fileOf("job-1", runId, 0);
            second = fileOf("job-1", runId, 1);
            table.log().commit(new AddFiles("job-1", runId, List.of(first)));
        }
        // An unreferenced file of the old layout (a directory per leaf).
        Path oldLayout = instance.tableDir("t").resolve("data/partition_p").resolve(new DataFileName("job-0", runId, 2, 0).fileName());
        Files.createDirectories(oldLayout.getParent());
        Files.writeString(oldLayout, "old");
        Path runDir = LocalStorage.toPath(table.runDataPath("job-1", runId));

        gc(Instant.now(), false);

        // The committed file keeps its run's directory.
        assertThat(LocalStorage.toPath(second.path())).doesNotExist();
        assertThat(LocalStorage.toPath(first.path())).exists();
        assertThat(oldLayout).doesNotExist();
        assertThat(oldLayout.getParent()).as("directories that are not a run's are left").exists();

        // Once the committed file is replaced, its run's directory goes with it.
        table.log().commit(new sediment.core.table.ReplaceFiles("compact-1", null, List.of(first.path()), List.of()));
        GarbageCollector.Result result = gc(Instant.now(), false);
        assertThat(result.deleted()).contains(first.path());
        assertThat(runDir).doesNotExist();
        assertThat(runDir.getParent()).exists();
    }

    @Test
    void shouldChangeNothingOnADryRunButSayWhatAndWhy() throws Exception {
        RunRegistry.ActiveRun run = RunRegistry.of(table).register("job-1", "bulk-import");
        FileReference file = fileOf("job-1", run.runId(), 0);

        GarbageCollector.Result result = gc(Instant.now().plusSeconds(60), true);

        assertThat(result.revokedRuns()).hasSize(1);
        assertThat(dataDeletions(result)).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(file.path());
            assertThat(d.reason()).contains("stopped: no heartbeat within 5 s");
        });
        assertThat(LocalStorage.toPath(file.path())).exists();
        assertThat(table.state().version()).isEqualTo(1);
        run.close();
    }

    @Test
    void shouldDeleteNothingWhenTheLogIsDamaged() throws Exception {
        FileReference committed = instance.writeDataFile(table, "p", 1);
        instance.addFiles(table, "job-1", committed);
        instance.addFiles(table, "job-2", instance.writeDataFile(table, "p", 1));
        Files.move(instance.logDir("t").resolve(String.format("%020d.json", 2)), tmp.resolve("moved-away.json"));

        assertThatThrownBy(() -> gc(Instant.now().plusSeconds(3600), false)).isInstanceOf(SedimentException.class)
                .hasMessageContaining("log entry 2").hasMessageContaining("the log is damaged");

        assertThat(LocalStorage.toPath(committed.path())).exists();
        try (var files = Files.walk(instance.tableDir("t").resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
    }

    @Test
    void shouldRemoveTemporaryFilesThatInterruptedLogWritesLeft() throws Exception {
        Path leftover = instance.logDir("t").resolve("." + String.format("%020d.json", 2) + ".0b7e.tmp");
        Files.writeString(leftover, "{\"type\":\"AddFiles\"");

        GarbageCollector.Result result = GarbageCollector.collect(instance.reopen().table("t"), Duration.ofMinutes(10),
                Instant.now().plus(Duration.ofMinutes(11)), false);

        assertThat(result.deletions()).singleElement().satisfies(d ->
                assertThat(d.reason()).isEqualTo("temporary file of an interrupted write"));
        assertThat(leftover).doesNotExist();
        assertThat(table.state().version()).isEqualTo(1);
    }
}
