package sediment.core.log;

import org.junit.jupiter.api.Test;
import sediment.core.error.CommitConflictException;
import sediment.core.error.CommitStateUnknownException;
import sediment.core.error.SedimentException;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.table.AddFiles;
import sediment.core.table.CreateTable;
import sediment.core.table.FileReference;
import sediment.core.table.ReplaceFiles;
import sediment.core.table.SplitPartition;
import sediment.core.table.TableState;
import sediment.core.table.TableStateSerDe;
import sediment.core.testutil.InMemoryLogStorage;
import sediment.core.testutil.TestSchemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionLogTest {
    private final Schema schema = TestSchemas.longKey();
    private final InMemoryLogStorage storage = new InMemoryLogStorage();
    private final TransactionLog log = newLog(100);

    private TransactionLog newLog(int snapshotInterval) {
        return new TransactionLog("t", storage, snapshotInterval, 5);
    }

    private void createTable(Object... splitPoints) {
        PartitionTree tree = splitPoints.length == 0 ? PartitionTree.singleLeaf(schema.rowKeyTypes())
                : PartitionTree.fromSplitPoints(schema.rowKeyTypes(), List.of(splitPoints));
        log.commit(new CreateTable(schema, tree));
    }

    private static FileReference file(String name, String partition, long rows) {
        return new FileReference("file:/data/" + name + ".parquet", partition, rows, List.of(1L), List.of(2L));
    }

    private static AddFiles add(String jobId, FileReference... files) {
        return new AddFiles(jobId, List.of(files));
    }

    /** The bytes another writer would have written for this transaction at the current head. */
    private byte[] entryFor(sediment.core.table.Transaction t) {
        return TableStateSerDe.writeTransaction(t, schema);
    }

    @Test
    void shouldCreateTableAsTheFirstEntry() {
        createTable(10L);

        TableState state = log.readState();
        assertThat(state.version()).isEqualTo(1);
        assertThat(state.schema()).isEqualTo(schema);
        assertThat(state.partitions().leaves()).hasSize(2);
        assertThat(state.files()).isEmpty();
        assertThat(storage.entries()).containsOnlyKeys(1L);
    }

    @Test
    void shouldReadNothingBeforeTheTableIsCreated() {
        assertThat(log.readState()).isNull();
        assertThatThrownBy(() -> log.commit(add("j", file("a", "p", 1))))
                .isInstanceOf(SedimentException.class).hasMessage("Cannot commit to table t: it does not exist");
        assertThat(storage.entries()).isEmpty();
    }

    @Test
    void shouldRefuseToCreateATableTwice() {
        createTable();

        assertThatThrownBy(this::createTable).isInstanceOf(CommitConflictException.class)
                .hasMessage("Cannot create table t: it already exists");
        assertThat(storage.entries()).containsOnlyKeys(1L);
    }

    @Test
    void shouldAddFilesAndRememberTheJob() {
        createTable(10L);

        TransactionLog.CommitResult result = log.commit(add("job-1", file("a", "p0", 5), file("b", "p1", 7)));

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.alreadyCommitted()).isFalse();
        assertThat(result.state()).isEqualTo(log.readState());
        TableState state = log.readState();
        assertThat(state.files()).containsOnlyKeys("file:/data/a.parquet", "file:/data/b.parquet");
        assertThat(state.totalRows()).isEqualTo(12);
        assertThat(state.committedJobIds()).containsExactly("job-1");
        assertThat(state.files().get("file:/data/a.parquet").minRowKey()).containsExactly(1L);
    }

    @Test
    void shouldTreatReplayingACommittedJobAsANoOp() {
        createTable();
        log.commit(add("job-1", file("a", "p", 5)));
        Map<Long, byte[]> before = storage.entries();

        TransactionLog.CommitResult replay = log.commit(add("job-1", file("a", "p", 5)));
        TransactionLog.CommitResult replayWithOtherFiles = log.commit(add("job-1", file("other", "p", 1)));

        assertThat(replay.alreadyCommitted()).isTrue();
        assertThat(replay.version()).isEqualTo(2);
        assertThat(replayWithOtherFiles.alreadyCommitted()).isTrue();
        assertThat(storage.entries()).containsOnlyKeys(before.keySet());
        assertThat(log.readState().files()).containsOnlyKeys("file:/data/a.parquet");
    }

    @Test
    void shouldRecogniseAJobCommittedByAnotherWriterAfterReopening() {
        createTable();
        log.commit(add("job-1", file("a", "p", 5)));

        TransactionLog other = newLog(100);
        assertThat(other.commit(add("job-1", file("a", "p", 5))).alreadyCommitted()).isTrue();
        assertThat(storage.entries()).hasSize(2);
    }

    @Test
    void shouldKeepFilesOnAPartitionSplitSinceTheirWriterPlanned() {
        createTable();
        log.commit(new SplitPartition("p", 0, 100L));

        log.commit(add("job-1", file("a", "p", 5)));

        TableState state = log.readState();
        assertThat(state.files().get("file:/data/a.parquet").partitionId()).isEqualTo("p");
        assertThat(state.committedJobIds()).containsExactly("job-1");
    }

    @Test
    void shouldRefuseToAddFilesToAMissingPartitionOrTwice() {
        createTable();
        log.commit(add("job-1", file("a", "p", 5)));

        assertThatThrownBy(() -> log.commit(add("job-2", file("b", "p9", 5))))
                .isInstanceOf(CommitConflictException.class).hasMessageContaining("partition p9 does not exist");
        assertThatThrownBy(() -> log.commit(add("job-3", file("a", "p", 5))))
                .isInstanceOf(CommitConflictException.class).hasMessageContaining("the table already holds it");
        assertThatThrownBy(() -> log.commit(add("job-4", file("c", "p", 5), file("c", "p", 5))))
                .isInstanceOf(CommitConflictException.class).hasMessageContaining("listed twice in job job-4");
        assertThat(storage.entries()).hasSize(2);
    }

    @Test
    void shouldKeepFilesReferencedToAPartitionWhenItIsSplit() {
        createTable();
        log.commit(add("job-1", file("a", "p", 5)));

        log.commit(new SplitPartition("p", 0, 0L));

        TableState state = log.readState();
        assertThat(state.files().get("file:/data/a.parquet").partitionId()).isEqualTo("p");
        assertThat(state.partitions().leaves()).extracting(p -> p.id()).containsExactly("p0", "p1");
    }

    @Test
    void shouldReplaceFiles() {
        createTable(10L);
        log.commit(add("job-1", file("a", "p0", 5), file("b", "p1", 5)));

        log.commit(new ReplaceFiles("compact-1", List.of("file:/data/a.parquet"), List.of(file("a2", "p0", 4))));

        TableState state = log.readState();
        assertThat(state.files()).containsOnlyKeys("file:/data/b.parquet", "file:/data/a2.parquet");
        assertThat(state.committedJobIds()).containsExactly("job-1", "compact-1");
        assertThat(log.commit(new ReplaceFiles("compact-1", List.of("file:/data/b.parquet"), List.of())).alreadyCommitted()).isTrue();
        assertThatThrownBy(() -> log.commit(new ReplaceFiles(null, List.of("file:/data/missing.parquet"), List.of())))
                .isInstanceOf(CommitConflictException.class).hasMessage("Cannot replace file file:/data/missing.parquet: the table does not hold it");
        assertThatThrownBy(() -> log.commit(new ReplaceFiles(null, List.of(), List.of(file("x", "p7", 1)))))
                .isInstanceOf(CommitConflictException.class).hasMessageContaining("partition p7 does not exist");
    }

    @Test
    void shouldRetryOnTheNextVersionWhenAnotherWriterTookIt() {
        createTable();
        AtomicInteger attempts = new AtomicInteger();
        storage.beforeCreate(version -> {
            attempts.incrementAndGet();
            storage.putEntry(version, entryFor(add("other-job", file("other", "p", 1))));
        });

        TransactionLog.CommitResult result = log.commit(add("job-1", file("mine", "p", 2)));

        assertThat(attempts).hasValue(1);
        assertThat(result.version()).isEqualTo(3);
        assertThat(log.readState().files()).containsOnlyKeys("file:/data/other.parquet", "file:/data/mine.parquet");
        assertThat(log.readState().committedJobIds()).containsExactly("other-job", "job-1");
    }

    @Test
    void shouldFindItsJobCommittedByTheWriterItRacedWith() {
        createTable();
        storage.beforeCreate(version -> storage.putEntry(version, entryFor(add("job-1", file("a", "p", 2)))));

        TransactionLog.CommitResult result = log.commit(add("job-1", file("a", "p", 2)));

        assertThat(result.alreadyCommitted()).isTrue();
        assertThat(storage.entries()).hasSize(2);
    }

    @Test
    void shouldRecogniseItsOwnEntryWhenARetriedCreateIsRefused() {
        createTable(0L);
        SplitPartition split = new SplitPartition("p1", 0, 100L);
        // The first create landed but its answer was lost; the retry finds the identical entry there.
        storage.beforeCreate(version -> storage.putEntry(version, entryFor(split)));

        TransactionLog.CommitResult result = log.commit(split);

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.alreadyCommitted()).isFalse();
        assertThat(storage.entries()).hasSize(2);
        assertThat(log.readState().partitions().partition("p1").orElseThrow().isLeaf()).isFalse();
    }

    @Test
    void shouldStillReportAConflictWhenAnotherWriterMadeADifferentSplit() {
        createTable(0L);
        storage.beforeCreate(version -> storage.putEntry(version, entryFor(new SplitPartition("p1", 0, 50L))));

        assertThatThrownBy(() -> log.commit(new SplitPartition("p1", 0, 100L)))
                .isInstanceOf(CommitConflictException.class).hasMessageContaining("p1");
        assertThat(storage.entries()).hasSize(2);
    }

    @Test
    void shouldRevalidateAfterLosingARaceAndReportTheConflict() {
        createTable();
        storage.beforeCreate(version -> storage.putEntry(version, entryFor(add("job-0", file("a", "p", 2)))));

        assertThatThrownBy(() -> log.commit(add("job-1", file("a", "p", 2))))
                .isInstanceOf(CommitConflictException.class).hasMessageContaining("the table already holds it");
        assertThat(storage.entries()).hasSize(2);
    }

    @Test
    void shouldGiveUpAfterTheConfiguredNumberOfLostRaces() {
        createTable();
        AtomicInteger attempts = new AtomicInteger();
        installLosingHook(attempts);

        assertThatThrownBy(() -> log.commit(add("job-1", file("a", "p", 2))))
                .isInstanceOf(CommitConflictException.class)
                .hasMessage("Cannot commit to table t: lost the race for the next log entry 5 times; other writers are committing too often");
        assertThat(attempts).hasValue(5);
        assertThat(log.readState().committedJobIds()).doesNotContain("job-1");
    }

    private void installLosingHook(AtomicInteger attempts) {
        storage.beforeCreate(version -> {
            attempts.incrementAndGet();
            storage.putEntry(version, entryFor(add("other-" + version, file("o" + version, "p", 1))));
            installLosingHook(attempts);
        });
    }

    @Test
    void shouldReportUnknownStateWhenWritingTheEntryFails() {
        createTable();
        storage.beforeCreate(version -> {
            throw new IOException("disk on fire");
        });

        assertThatThrownBy(() -> log.commit(add("job-1", file("a", "p", 2))))
                .isInstanceOf(CommitStateUnknownException.class)
                .hasMessage("Cannot tell whether the commit to table t succeeded: writing log entry 2 failed: disk on fire");
    }

    @Test
    void shouldSeeCommitsOfOtherWritersThroughItsCache() {
        createTable();
        TransactionLog other = newLog(100);
        assertThat(other.readState().version()).isEqualTo(1);

        log.commit(add("job-1", file("a", "p", 2)));
        log.commit(add("job-2", file("b", "p", 2)));

        assertThat(other.readState().version()).isEqualTo(3);
        assertThat(other.readState().files()).hasSize(2);
    }

    @Test
    void shouldWriteASnapshotEveryNEntriesAndReadFromIt() {
        TransactionLog writer = newLog(3);
        writer.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        for (int i = 1; i <= 6; i++) {
            writer.commit(add("job-" + i, file("f" + i, "p", i)));
        }
        assertThat(storage.snapshots()).containsOnlyKeys(3L, 6L);

        storage.clearEntryReads();
        TableState fromSnapshot = newLog(3).readState();

        assertThat(storage.entryReads()).containsExactly(7L, 8L);
        assertThat(fromSnapshot.version()).isEqualTo(7);
        assertThat(fromSnapshot.files()).hasSize(6);
        assertThat(fromSnapshot.committedJobIds()).hasSize(6);
        assertSameState(fromSnapshot, replayWithoutSnapshots());
    }

    @Test
    void shouldWriteTheSnapshotOfItsOwnVersionEvenWhenOthersCommitRightAfter() {
        TransactionLog writer = newLog(2);
        writer.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        // This commit takes version 2 (a snapshot is due); another writer takes 3 before we look again.
        storage.afterCreate(version -> storage.putEntry(version + 1, entryFor(add("other", file("o", "p", 1)))));

        TransactionLog.CommitResult result = writer.commit(add("job-a", file("a", "p", 1)));

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.state().version()).isEqualTo(2);
        assertThat(result.state().files()).containsOnlyKeys("file:/data/a.parquet");
        assertThat(storage.snapshots()).containsOnlyKeys(2L);
        assertSameState(newLog(2).stateAt(2), replayWithoutSnapshots(2));
        assertThat(writer.readState().version()).isEqualTo(3);
    }

    @Test
    void shouldRebuildTheStateAtAnyVersion() {
        TransactionLog writer = newLog(3);
        writer.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        for (int i = 1; i <= 7; i++) {
            writer.commit(add("job-" + i, file("f" + i, "p", i)));
        }

        TransactionLog reader = newLog(3);
        for (int version = 1; version <= 8; version++) {
            TableState state = reader.stateAt(version);
            assertThat(state.version()).isEqualTo(version);
            assertThat(state.files()).hasSize(version - 1);
        }
        assertThatThrownBy(() -> reader.stateAt(9)).isInstanceOf(SedimentException.class)
                .hasMessage("Cannot read table t at version 9: the log ends at version 8");
        assertThatThrownBy(() -> reader.stateAt(0)).isInstanceOf(SedimentException.class)
                .hasMessage("Cannot read table t at version 0: versions start at 1");
    }

    @Test
    void shouldNameACorruptOrTruncatedEntryAndCommitNothing() {
        createTable();
        log.commit(add("job-1", file("a", "p", 2)));
        byte[] entry = storage.entries().get(2L);
        storage.putEntry(2, java.util.Arrays.copyOf(entry, entry.length / 2));

        TransactionLog reader = newLog(100);
        assertThatThrownBy(reader::readState).isInstanceOf(SedimentException.class)
                .hasMessageStartingWith("Cannot read table t: log entry 2 (memory:log/00000000000000000002.json) is corrupt or truncated: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> reader.commit(add("job-2", file("b", "p", 2)))).isInstanceOf(SedimentException.class)
                .hasMessageContaining("log entry 2");
        assertThat(storage.entries()).containsOnlyKeys(1L, 2L);
    }

    @Test
    void shouldTreatEntriesWithWrongValuesAsCorruptRatherThanGuess() {
        createTable();
        storage.putEntry(2, "{\"type\": \"SplitPartition\", \"partitionId\": \"p\", \"dimension\": 0, \"splitPoint\": \"abc\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> newLog(100).readState()).isInstanceOf(SedimentException.class)
                .hasMessageContaining("log entry 2", "expected a value of type LongType, got \"abc\"");

        storage.putEntry(2, "{\"type\": \"Compact\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> newLog(100).readState()).isInstanceOf(SedimentException.class)
                .hasMessageContaining("unknown transaction type 'Compact'");

        storage.putEntry(2, "{\"type\": \"AddFiles\", \"jobId\": \"j\", \"files\": 5}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> newLog(100).readState()).isInstanceOf(SedimentException.class)
                .hasMessageContaining("field 'files' must be an array, not 5");

        storage.putEntry(2, ("{\"type\": \"AddFiles\", \"files\": [{\"path\": \"file:/a\", \"partitionId\": \"p\","
                + " \"rows\": \"12\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> newLog(100).readState()).isInstanceOf(SedimentException.class)
                .hasMessageContaining("field 'rows' must be an integer, not \"12\"");

        storage.putEntry(2, new byte[0]);
        assertThatThrownBy(() -> newLog(100).readState()).isInstanceOf(SedimentException.class)
                .hasMessageContaining("log entry 2", "corrupt or truncated");
    }

    @Test
    void shouldRefuseALogThatDoesNotStartWithCreateTable() {
        storage.putEntry(1, entryFor(add("job", file("a", "p", 1))));

        assertThatThrownBy(log::readState).isInstanceOf(SedimentException.class)
                .hasMessageContaining("log entry 1", "the first log entry is a AddFiles, not CreateTable");
    }

    @Test
    void shouldNameACorruptSnapshot() {
        TransactionLog writer = newLog(2);
        writer.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        writer.commit(add("job-1", file("a", "p", 1)));
        storage.putSnapshot(2, "{\"table\": ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> newLog(2).readState()).isInstanceOf(SedimentException.class)
                .hasMessageStartingWith("Cannot read table t: snapshot 2 is corrupt: ");
    }

    private TableState replayWithoutSnapshots() {
        return replayWithoutSnapshots(Long.MAX_VALUE);
    }

    private TableState replayWithoutSnapshots(long upTo) {
        InMemoryLogStorage copy = new InMemoryLogStorage();
        storage.entries().forEach((version, content) -> {
            if (version <= upTo) {
                copy.putEntry(version, content);
            }
        });
        return new TransactionLog("t", copy, 0, 1).readState();
    }

    private static void assertSameState(TableState actual, TableState expected) {
        assertThat(new String(TableStateSerDe.writeSnapshot(actual), StandardCharsets.UTF_8))
                .isEqualTo(new String(TableStateSerDe.writeSnapshot(expected), StandardCharsets.UTF_8));
    }

    @Test
    void shouldReplayALongLogQuickly() {
        // Replay used to copy every file reference once per entry; 2000 entries of one file each is instant now.
        TransactionLog writer = newLog(0);
        writer.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        List<FileReference> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            FileReference f = file("f" + i, "p", 1);
            all.add(f);
            storage.putEntry(i + 2, entryFor(add("job-" + i, f)));
        }
        TableState state = newLog(0).readState();
        assertThat(state.version()).isEqualTo(2001);
        assertThat(state.files()).hasSize(all.size());
    }
}
