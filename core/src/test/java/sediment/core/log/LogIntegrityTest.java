package sediment.core.log;

import org.junit.jupiter.api.Test;
import sediment.core.error.SedimentException;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.table.AddFiles;
import sediment.core.table.CreateTable;
import sediment.core.table.FileReference;
import sediment.core.table.TableStateSerDe;
import sediment.core.testutil.InMemoryLogStorage;
import sediment.core.testutil.TestSchemas;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A damaged log is never read as a shorter one: a gap or a duplicated job fails every read and every commit. */
class LogIntegrityTest {
    private final Schema schema = TestSchemas.longKey();
    private final InMemoryLogStorage storage = new InMemoryLogStorage();

    private TransactionLog log() {
        return new TransactionLog("t", storage, 100, 5);
    }

    private static AddFiles add(String jobId, String name) {
        return new AddFiles(jobId, List.of(new FileReference("file:/data/" + name + ".parquet", PartitionTree.ROOT_ID, 10, List.of(1L), List.of(2L))));
    }

    private void threeEntries() {
        TransactionLog log = log();
        log.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        log.commit(add("job-1", "a"));
        log.commit(add("job-2", "b"));
    }

    @Test
    void shouldFailEveryReadWhenAnEntryIsMissingBelowALaterOne() {
        threeEntries();
        storage.removeEntry(2);

        assertThatThrownBy(() -> log().readState()).isInstanceOf(SedimentException.class)
                .hasMessageStartingWith("Cannot read table t: log entry 2 (")
                .hasMessageContaining("is missing, but the log goes on to entry 3; the log is damaged");
        assertThatThrownBy(() -> log().stateAt(3)).hasMessageContaining("log entry 2 (");
    }

    @Test
    void shouldNeverFillAGapWithANewCommit() {
        threeEntries();
        byte[] third = storage.entries().get(3L);
        storage.removeEntry(2);

        assertThatThrownBy(() -> log().commit(add("job-3", "c"))).hasMessageContaining("log entry 2 (");

        assertThat(storage.entries()).containsOnlyKeys(1L, 3L);
        assertThat(storage.entries().get(3L)).isEqualTo(third);
    }

    @Test
    void shouldReadTheLogAsBeforeOnceTheMissingEntryIsRestored() {
        threeEntries();
        byte[] second = storage.entries().get(2L);
        storage.removeEntry(2);
        assertThatThrownBy(() -> log().readState()).isInstanceOf(SedimentException.class);

        storage.putEntry(2, second);

        assertThat(log().readState().files()).hasSize(2);
    }

    @Test
    void shouldTreatTheMissingNextEntryAsTheEndOfTheLog() {
        threeEntries();

        assertThat(log().readState().version()).isEqualTo(3);
    }

    @Test
    void shouldFailOnAnExtraEntryThatCommitsAJobASecondTime() {
        threeEntries();
        storage.putEntry(4, TableStateSerDe.writeTransaction(add("job-1", "copy"), schema));

        assertThatThrownBy(() -> log().readState())
                .hasMessageMatching("Cannot read table t: log entry 4 \\(.*\\) is damaged: it commits job job-1 a second time");
    }

    @Test
    void shouldFailOnATruncatedEntryInsteadOfSkippingIt() {
        threeEntries();
        byte[] third = storage.entries().get(3L);
        storage.putEntry(3, java.util.Arrays.copyOf(third, third.length / 2));

        assertThatThrownBy(() -> log().readState()).hasMessageContaining("log entry 3").hasMessageContaining("corrupt or truncated");
        assertThat(new String(third, StandardCharsets.UTF_8)).contains("job-2");
        assertThat(Map.copyOf(storage.entries())).hasSize(3);
    }
}
