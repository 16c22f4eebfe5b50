package sediment.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The standard ingest killed mid-way, and run beside a bulk import of the same table: the same guarantees. */
class IngestCrashTest {
    static final int ROWS = 20_000;

    @TempDir
    Path dir;

    /** Small bounds, so that the ingest spills runs and writes rounds of files before it commits. */
    private Path ingestJob(Fixture f, String id, Path input) throws Exception {
        Path job = f.job(id, "t", input, Map.of());
        String json = java.nio.file.Files.readString(job).replace("\"sparkConf\": {}", "\"platformSpec\": {"
                + "\"sleeper.ingest.memory.max.batch.size\": \"2000\", \"sleeper.ingest.max.local.records\": \"6000\","
                + " \"sleeper.ingest.local.dir\": \"" + dir.resolve("local") + "\"}");
        java.nio.file.Files.writeString(job, json);
        return job;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest:before-commit", "local:create-temp-written:log", "log:entry-created", "ingest:committed"})
    void anIngestKilledAnywhereLosesNothingAndARerunCompletesIt(String point) throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Path job = ingestJob(f, "ing", f.input("a", ROWS));
        boolean committed = point.equals("log:entry-created") || point.equals("ingest:committed");

        Cli killed = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root(), "SEDIMENT_HALT_AT", point), "ingest", job.toString());

        assertThat(killed.exitCode()).as("%s", killed).isEqualTo(137);
        f.assertIntact("t", committed ? Fixture.values("a", ROWS) : Set.of());
        Cli rerun = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "ingest", job.toString());
        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        assertThat(rerun.output()).contains(committed ? "was already committed" : "ingested 20,000 rows");
        f.assertIntact("t", Fixture.values("a", ROWS));

        Thread.sleep(2500);
        Cli gc = Cli.run(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "gc", "t", "--older-than", "0s");
        assertThat(gc.exitCode()).as("%s", gc).isZero();
        f.assertIntact("t", Fixture.values("a", ROWS));
        assertThat(f.strays("t")).isEmpty();
    }

    @Test
    void ingestsAndBulkImportsIntoOneTableAtOnceBothCommitEverything() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Cli ingest = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "ingest", ingestJob(f, "ing", f.input("a", ROWS)).toString());
        Cli ingest2 = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "ingest", ingestJob(f, "ing-2", f.input("c", ROWS)).toString());
        Cli bulk = Cli.start(dir, Cli.env("SEDIMENT_INSTANCE", f.root()), "bulk-import",
                f.job("bulk", "t", f.input("b", ROWS), Map.of()).toString());

        assertThat(ingest.exitCode()).as("%s", ingest).isZero();
        assertThat(ingest2.exitCode()).as("%s", ingest2).isZero();
        assertThat(bulk.exitCode()).as("%s", bulk).isZero();
        f.assertIntact("t", Fixture.union(Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS)),
                Fixture.values("c", ROWS)));
        assertThat(f.strays("t")).isEmpty();
    }
}
