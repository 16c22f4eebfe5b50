package sediment.reliability;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk import killed (as by kill -9) at each point of its run and commit, then rerun and followed by
 * gc: nothing committed is lost, nothing is committed twice, and nothing is left behind.
 */
class BulkImportCrashTest {
    static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bulk-import:registered", "bulk-import:files-written", "bulk-import:before-commit",
            "local:create-temp-written:log", "log:entry-created", "bulk-import:committed", "bulk-import:status-recorded"})
    void aRunKilledAnywhereLosesNothingAndARerunCompletesTheJob(String point) throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Path job = f.job("crash", "t", f.input("a", ROWS), Map.of());
        Set<String> all = Fixture.values("a", ROWS);
        boolean committedBeforeDeath = point.equals("log:entry-created") || point.startsWith("bulk-import:committed")
                || point.equals("bulk-import:status-recorded");

        Cli killed = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root(), "SEDIMENT_HALT_AT", point), "bulk-import", job.toString());

        assertThat(killed.exitCode()).as("%s", killed).isEqualTo(137);
        f.assertIntact("t", committedBeforeDeath ? all : Set.of());
        if (!point.equals("bulk-import:registered") && !point.equals("bulk-import:status-recorded")) {
            Thread.sleep(2500); // past the 2 s lease: the dead run's heartbeat is stale
            Cli status = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "status", "crash");
            assertThat(status.output()).as("%s", status).contains("STARTED", "probably dead", "rerun the job with the same id");
        }

        Cli rerun = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import", job.toString());

        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        assertThat(rerun.output()).contains(committedBeforeDeath ? "was already committed" : "imported 20,000 rows");
        f.assertIntact("t", all);
        Cli status = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "status", "crash");
        assertThat(status.output()).as("%s", status).contains("FINISHED", "rows=20000").doesNotContain("probably dead");

        Thread.sleep(2500);
        Cli gc = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "gc", "t", "--older-than", "0s");

        assertThat(gc.exitCode()).as("%s", gc).isZero();
        f.assertIntact("t", all);
        assertThat(f.strays("t")).as("files left by the killed run, after gc").isEmpty();
        assertThat(f.temporaryFiles("t")).isEmpty();
    }
}
