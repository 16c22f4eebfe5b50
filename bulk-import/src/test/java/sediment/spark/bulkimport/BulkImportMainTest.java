package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.job.BulkImportJob;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** BulkImportMain under the job contract, called as the launchers call it; it returns, never exiting this JVM. */
class BulkImportMainTest {
    @TempDir
    Path dir;

    @Test
    void shouldRunUnderTheContractRecordThePlatformAndAnswerARerunFromTheLog() throws Exception {
        BulkImportFixture fixture = new BulkImportFixture(dir);
        fixture.table("events", BulkImportJobRunnerTest.LONG_KEY, List.of(50L));
        List<Row> rows = new ArrayList<>();
        for (long k = 0; k < 100; k++) {
            rows.add(BulkImportFixture.row(k, "v" + k));
        }
        BulkImportJob job = fixture.job("main-1", "events", fixture.writeInput("in", BulkImportJobRunnerTest.LONG_KEY, rows, 2));
        Path spec = Files.write(dir.resolve("main-1.json"), job.toJson());
        String[] args = {"--instance", fixture.instance.root(), "--platform", "emr", spec.toString()};

        assertThat(BulkImportMain.run(args)).isZero();
        JobStatus status = new JobStatusStore(fixture.instance).get("main-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.platform()).isEqualTo("emr");
        assertThat(status.rows()).isEqualTo(100L);
        long version = fixture.instance.table("events").state().version();

        // A rerun (an EMR step retried, say) is answered from the table's log and changes nothing.
        assertThat(new BulkImportMain().run(sediment.core.job.JobArguments.parse(args)).summary())
                .isEqualTo("Job main-1 was already committed to table events (version " + version + "); nothing changed.");
        assertThat(fixture.instance.table("events").state().version()).isEqualTo(version);
    }

    @Test
    void shouldReturnTheExitCodeForBadArgumentsAndFailedJobs() throws Exception {
        BulkImportFixture fixture = new BulkImportFixture(dir);
        Path spec = Files.write(dir.resolve("nope.json"), fixture.job("main-2", "nope", dir).toJson());

        assertThat(BulkImportMain.run(new String[]{spec.toString()})).as("no --instance").isEqualTo(2);
        assertThat(BulkImportMain.run(new String[]{"--instance", fixture.instance.root(), spec.toString()}))
                .as("a table that does not exist").isEqualTo(1);
        assertThat(BulkImportMain.run(new String[]{"--instance", fixture.instance.root(), dir.resolve("missing.json").toString()}))
                .isEqualTo(1);
    }
}
