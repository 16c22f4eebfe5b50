package sediment.core.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.testutil.TempInstance;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobStatusStoreTest {
    @TempDir
    Path tmp;

    @Test
    void shouldReturnTheLatestStatusOfAJob() {
        TempInstance instance = TempInstance.create(tmp);
        JobStatusStore store = new JobStatusStore(instance.instance());
        JobStatus accepted = JobStatus.accepted("job-1", "bulk-import", "t", "local");

        store.record(accepted);
        store.record(accepted.started());
        store.record(accepted.started().finished(1000, 4, 2.0, null));

        JobStatus status = store.get("job-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.rows()).isEqualTo(1000);
        assertThat(status.files()).isEqualTo(4);
        assertThat(status.rowsPerSecond()).isEqualTo(500.0);
        assertThat(status.updated()).isNotNull();
        assertThat(status.summary()).contains("job-1", "FINISHED", "table=t", "platform=local", "rows=1000 files=4 seconds=2.0 rows/s=500");
        // Every update is its own file, never an overwrite.
        assertThat(instance.dir().resolve("status/job-1").toFile().list()).hasSize(3);
    }

    @Test
    void shouldKeepTheReasonOfAFailure() {
        JobStatusStore store = new JobStatusStore(TempInstance.create(tmp).instance());
        store.record(JobStatus.accepted("job-2", "bulk-import", "t", "emr").failed("input file x.parquet has no column 'key'"));

        assertThat(store.get("job-2").summary()).endsWith("reason: input file x.parquet has no column 'key'");
    }

    @Test
    void shouldListEveryJobByTimeOfLastUpdate() {
        JobStatusStore store = new JobStatusStore(TempInstance.create(tmp).instance());
        store.record(JobStatus.accepted("b", "bulk-import", "t", "local"));
        store.record(JobStatus.accepted("a", "bulk-import", "t", "local"));

        assertThat(store.all()).extracting(JobStatus::jobId).containsExactly("b", "a");
    }

    @Test
    void shouldOrderByInstantNotByItsText() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        // Instant.toString drops a zero fraction: "…:05Z" is 0.5 s before "…:05.500Z" but sorts after it as text.
        writeStatus(instance, "early", "2024-01-01T00:00:05Z");
        writeStatus(instance, "late", "2024-01-01T00:00:05.500Z");

        assertThat(new JobStatusStore(instance.instance()).all()).extracting(JobStatus::jobId).containsExactly("early", "late");
    }

    private static void writeStatus(TempInstance instance, String jobId, String updated) throws Exception {
        Path dir = Files.createDirectories(instance.dir().resolve("status").resolve(jobId));
        Files.writeString(dir.resolve("0000000000001-2-STARTED.json"),
                "{\"jobId\": \"" + jobId + "\", \"kind\": \"bulk-import\", \"tableName\": \"t\", \"state\": \"STARTED\", \"updated\": \"" + updated + "\"}");
    }

    @Test
    void shouldExplainUnknownAndInvalidJobIds() {
        JobStatusStore store = new JobStatusStore(TempInstance.create(tmp).instance());

        assertThat(store.find("nope")).isEmpty();
        assertThat(store.all()).isEmpty();
        assertThatThrownBy(() -> store.get("nope")).isInstanceOf(InvalidInputException.class)
                .hasMessage("No job with id 'nope' in this instance");
        assertThatThrownBy(() -> store.get("../tables")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid job id '../tables'");
        assertThatThrownBy(() -> store.record(JobStatus.accepted("a/b", "bulk-import", "t", "local")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shouldNameACorruptStatusFile() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Path dir = Files.createDirectories(instance.dir().resolve("status/j"));
        Files.writeString(dir.resolve("0000000000001-0-ACCEPTED.json"), "{\"jobId\": \"j\", \"state\": 0}");

        assertThatThrownBy(() -> new JobStatusStore(instance.instance()).get("j")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("status/j/0000000000001-0-ACCEPTED.json line 1", "field 'state'");
    }
}
