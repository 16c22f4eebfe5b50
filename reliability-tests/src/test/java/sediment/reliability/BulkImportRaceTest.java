package sediment.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.gc.GarbageCollector;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs that race: the same job twice at once, prefix-related job ids, gc beside running and stopped jobs. */
class BulkImportRaceTest {
    static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void theSameJobRunTwiceAtOnceCommitsOnceAndKeepsEveryCommittedFile() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Path input = f.input("a", ROWS);
        // One slow run (one core, many small input splits) and one fast run started a little later, as in the report.
        Path slow = f.job("same", "t", input, Map.of("spark.sql.files.maxPartitionBytes", "20000"));
        Path fast = f.job("same", "t", input, Map.of());

        Cli first = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", slow.toString(), "--master", "local[1]");
        Thread.sleep(2000);
        Cli second = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", fast.toString());

        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(second.exitCode()).as("%s", second).isZero();
        String both = first.output() + second.output();
        assertThat(both).containsOnlyOnce("imported 20,000 rows").containsOnlyOnce("was already committed");
        f.assertIntact("t", Fixture.values("a", ROWS));
        assertThat(f.strays("t")).as("the losing run's files").isEmpty();
    }

    @Test
    void jobsWhoseIdsArePrefixesOfEachOtherRunAtOnceAndKeepTheirFiles() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Cli a = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import",
                f.job("imp-1", "t", f.input("a", ROWS), Map.of()).toString());
        Cli b = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import",
                f.job("imp", "t", f.input("b", ROWS), Map.of()).toString());

        assertThat(a.exitCode()).as("%s", a).isZero();
        assertThat(b.exitCode()).as("%s", b).isZero();
        f.assertIntact("t", Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS)));
        assertThat(f.strays("t")).isEmpty();
    }

    @Test
    void gcInALoopBesideRunningImportsNeverRemovesWhatTheyCommit() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Cli a = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import",
                f.job("loop-a", "t", f.input("a", ROWS), Map.of()).toString(), "--master", "local[1]");
        Cli b = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import",
                f.job("loop-b", "t", f.input("b", ROWS), Map.of()).toString(), "--master", "local[1]");
        List<Integer> deletedPerPass = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        // This JVM is a third process: gc with no grace period at all, as fast as it can, until both imports end.
        while ((a.isAlive() || b.isAlive()) && System.nanoTime() < deadline) {
            GarbageCollector.Result r = GarbageCollector.collect(Instance.open(f.root()).table("t"), Duration.ZERO, Instant.now(), false);
            deletedPerPass.add(r.deletions().size());
            Thread.sleep(50);
        }

        assertThat(a.exitCode()).as("%s", a).isZero();
        assertThat(b.exitCode()).as("%s", b).isZero();
        assertThat(deletedPerPass).as("gc passes").hasSizeGreaterThan(5);
        f.assertIntact("t", Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS)));
    }

    @Test
    void gcRevokesAStoppedJobSoItCannotCommitTheFilesGcDeleted() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Path job = f.job("stopped", "t", f.input("a", ROWS), Map.of());
        Cli importer = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root(), "SEDIMENT_STOP_AT", "bulk-import:before-commit"),
                "bulk-import", job.toString());
        importer.awaitStopped();
        assertThat(f.strays("t")).as("the files it wrote and has not committed").isNotEmpty();

        // While its heartbeat is fresh the stopped run may still commit: gc keeps its files.
        GarbageCollector.Result early = GarbageCollector.collect(Instance.open(f.root()).table("t"), Duration.ZERO, Instant.now(), false);
        assertThat(early.deletions()).isEmpty();
        assertThat(early.keptRunning()).isPositive();
        Thread.sleep(2500); // the stopped run's heartbeat is now older than the 2 s lease
        Cli dryRun = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "gc", "t", "--older-than", "0s", "--dry-run");
        Cli gc = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "gc", "t", "--older-than", "0s");
        importer.signal("CONT");

        assertThat(dryRun.output()).as("%s", dryRun).contains("would revoke run", "would delete", "unreferenced file of revoked");
        assertThat(gc.output()).as("%s", gc).contains("revoked run", "of job stopped", "deleted ");
        assertThat(importer.exitCode()).as("%s", importer).isEqualTo(1);
        assertThat(importer.output()).contains("error: ", "was revoked by gc", "nothing was committed");
        f.assertIntact("t", Set.of());

        Cli rerun = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", job.toString());
        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        f.assertIntact("t", Fixture.values("a", ROWS));
    }

    /** Paused with its log entry written to a temporary file but not yet linked: gc removes that file and revokes the run. */
    @Test
    void aJobPausedInsideItsCommitIsRevokedAndSaysSo() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Path job = f.job("paused", "t", f.input("a", ROWS), Map.of());
        Cli importer = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root(), "SEDIMENT_STOP_AT", "local:create-temp-written:log"),
                "bulk-import", job.toString());
        importer.awaitStopped();
        Thread.sleep(2500);
        Cli gc = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "gc", "t", "--older-than", "0s");
        importer.signal("CONT");

        assertThat(gc.output()).as("%s", gc).contains("revoked run", "temporary file of an interrupted write");
        assertThat(importer.exitCode()).as("%s", importer).isEqualTo(1);
        assertThat(importer.output()).contains("error: ", "was revoked by gc", "nothing was committed")
                .doesNotContain("Cannot tell whether");
        f.assertIntact("t", Set.of());

        Cli rerun = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", job.toString());
        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        f.assertIntact("t", Fixture.values("a", ROWS));
    }

    @Test
    void aLeafSplitWhileAJobWritesDoesNotFailItAndCompactionMovesItsFileDown() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Path job = f.job("split-under", "t", f.input("a", ROWS), Map.of());
        Cli importer = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root(), "SEDIMENT_STOP_AT", "bulk-import:before-commit"),
                "bulk-import", job.toString());
        importer.awaitStopped();
        // p000 holds keys below 1000, the leaf the stopped job wrote its first file for.
        Cli split = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "table", "split", "t", "--partition", "p000", "--at", "500");
        assertThat(split.exitCode()).as("%s", split).isZero();
        importer.signal("CONT");

        assertThat(importer.exitCode()).as("%s", importer).isZero();
        assertThat(importer.output()).contains("imported 20,000 rows");
        f.assertIntact("t", Fixture.values("a", ROWS));
        assertThat(f.state("t").files().values()).anySatisfy(file -> assertThat(file.partitionId()).isEqualTo("p000"));

        // A second import gives every leaf, p0000 and p0001 included, a file of its own beside the one on p000.
        Cli second = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", f.job("after", "t", f.input("b", ROWS), Map.of()).toString());
        assertThat(second.exitCode()).as("%s", second).isZero();
        Cli compact = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "compact", "t", "--min-files", "2");
        assertThat(compact.exitCode()).as("%s", compact).isZero();
        f.assertIntact("t", Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS)));
        assertThat(f.state("t").files().values()).extracting(file -> file.partitionId())
                .doesNotContain("p000").contains("p0000", "p0001").doesNotHaveDuplicates();
    }
}
