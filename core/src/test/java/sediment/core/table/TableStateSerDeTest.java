package sediment.core.table;

import org.junit.jupiter.api.Test;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.testutil.InMemoryLogStorage;
import sediment.core.log.TransactionLog;
import sediment.core.testutil.TestSchemas;
import sediment.core.util.Json;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log entry and snapshot formats documented in docs/table-format.md. */
class TableStateSerDeTest {

    private static String compact(byte[] json) throws Exception {
        return Json.MAPPER.readTree(json).toString();
    }

    @Test
    void shouldWriteAddFilesEntriesInTheDocumentedForm() throws Exception {
        Schema schema = TestSchemas.twoFieldKey();
        AddFiles add = new AddFiles("job-1", List.of(
                new FileReference("file:/i/tables/t/data/partition_p/a.parquet", "p", 3, List.of(-1L, "a"), List.of(9L, "z"))));

        assertThat(compact(TableStateSerDe.writeTransaction(add, schema))).isEqualTo("{\"type\":\"AddFiles\",\"formatVersion\":1,\"jobId\":\"job-1\","
                + "\"files\":[{\"path\":\"file:/i/tables/t/data/partition_p/a.parquet\",\"partitionId\":\"p\",\"rows\":3,"
                + "\"minRowKey\":[-1,\"a\"],\"maxRowKey\":[9,\"z\"]}]}");
    }

    @Test
    void shouldWriteCreateTableSplitAndReplaceEntriesInTheDocumentedForm() throws Exception {
        Schema schema = TestSchemas.longKey();
        CreateTable create = new CreateTable(schema, PartitionTree.fromSplitPoints(schema.rowKeyTypes(), List.of(10L)));

        assertThat(compact(TableStateSerDe.writeTransaction(create, null))).isEqualTo("{\"type\":\"CreateTable\",\"formatVersion\":1,"
                + "\"schema\":{\"rowKeyFields\":[{\"name\":\"key\",\"type\":\"LongType\"}],\"sortKeyFields\":[],"
                + "\"valueFields\":[{\"name\":\"value\",\"type\":\"StringType\"}]},"
                + "\"partitions\":[{\"id\":\"p\",\"childIds\":[\"p0\",\"p1\"],\"splitDimension\":0,\"region\":[{\"min\":null,\"max\":null}]},"
                + "{\"id\":\"p0\",\"parentId\":\"p\",\"childIds\":[],\"splitDimension\":-1,\"region\":[{\"min\":null,\"max\":10}]},"
                + "{\"id\":\"p1\",\"parentId\":\"p\",\"childIds\":[],\"splitDimension\":-1,\"region\":[{\"min\":10,\"max\":null}]}]}");
        assertThat(compact(TableStateSerDe.writeTransaction(new SplitPartition("p1", 0, 50L), schema)))
                .isEqualTo("{\"type\":\"SplitPartition\",\"formatVersion\":1,\"partitionId\":\"p1\",\"dimension\":0,\"splitPoint\":50}");
        assertThat(compact(TableStateSerDe.writeTransaction(new SplitPartitions(List.of(new PartitionTree.Split("p1", 0, 50L),
                new PartitionTree.Split("p11", 0, 70L))), schema)))
                .isEqualTo("{\"type\":\"SplitPartitions\",\"formatVersion\":1,\"splits\":[{\"partitionId\":\"p1\",\"dimension\":0,"
                        + "\"splitPoint\":50},{\"partitionId\":\"p11\",\"dimension\":0,\"splitPoint\":70}]}");
        assertThat(compact(TableStateSerDe.writeTransaction(new ReplaceFiles("c-1", List.of("file:/a"), List.of()), schema)))
                .isEqualTo("{\"type\":\"ReplaceFiles\",\"formatVersion\":1,\"jobId\":\"c-1\",\"removePaths\":[\"file:/a\"],\"addFiles\":[]}");
    }

    @Test
    void shouldRoundTripEveryTransactionWithByteArrayKeys() throws Exception {
        Schema schema = TestSchemas.bytesKey();
        byte[] high = {(byte) 0x80, (byte) 0xFF};
        List<Transaction> transactions = List.of(
                new CreateTable(schema, PartitionTree.fromSplitPoints(schema.rowKeyTypes(), List.of(new byte[]{0x10}))),
                new SplitPartition("p1", 0, high),
                new SplitPartitions(List.of(new PartitionTree.Split("p0", 0, new byte[]{0x08}),
                        new PartitionTree.Split("p01", 0, new byte[]{0x0C}))),
                new AddFiles("j", List.of(new FileReference("file:/x", "p10", 1, List.of(new byte[]{0x11}), List.of(new byte[]{0x7F})))),
                new ReplaceFiles(null, List.of("file:/x"), List.of(new FileReference("file:/y", "p11", 2, null, null))));
        for (Transaction t : transactions) {
            byte[] written = TableStateSerDe.writeTransaction(t, schema);
            Transaction read = TableStateSerDe.readTransaction(written, schema);
            assertThat(read.getClass()).isEqualTo(t.getClass());
            assertThat(TableStateSerDe.writeTransaction(read, schema)).isEqualTo(written);
        }
    }

    @Test
    void shouldRoundTripSnapshots() throws Exception {
        Schema schema = TestSchemas.twoFieldKey();
        TransactionLog log = new TransactionLog("t", new InMemoryLogStorage(), 0, 1);
        log.commit(new CreateTable(schema, PartitionTree.fromSplitPoints(schema.rowKeyTypes(), List.of(5L))));
        log.commit(new SplitPartition("p1", 1, "\ud83d\ude00"));
        log.commit(new AddFiles("j", List.of(new FileReference("file:/f", "p11", 4, List.of(6L, "\ud83d\ude00"), List.of(7L, "\ud83d\ude01")))));
        TableState state = log.readState();

        byte[] snapshot = TableStateSerDe.writeSnapshot(state);
        TableState read = TableStateSerDe.readSnapshot("t", snapshot);

        assertThat(read.version()).isEqualTo(3);
        assertThat(read.committedJobIds()).containsExactly("j");
        assertThat(read.schema()).isEqualTo(schema);
        assertThat(read.partitions().leaves()).extracting(p -> p.id()).containsExactly("p0", "p10", "p11");
        assertThat(TableStateSerDe.writeSnapshot(read)).isEqualTo(snapshot);
        assertThat(new String(snapshot, StandardCharsets.UTF_8)).contains("\"committedJobIds\"", "\"version\" : 3");
    }

    @Test
    void shouldStillReadEntriesWrittenBeforeTheFormatVersionField() throws Exception {
        Schema schema = TestSchemas.longKey();
        byte[] old = ("{\"type\": \"AddFiles\", \"jobId\": \"job-1\", \"runId\": \"r1\", \"files\": [{\"path\": \"file:/a\","
                + " \"partitionId\": \"p\", \"rows\": 3, \"minRowKey\": [1], \"maxRowKey\": [9]}]}").getBytes(StandardCharsets.UTF_8);

        Transaction read = TableStateSerDe.readTransaction(old, schema);

        assertThat(read).isInstanceOf(AddFiles.class);
        assertThat(read.jobId()).isEqualTo("job-1");
        assertThat(read.runId()).isEqualTo("r1");
        assertThat(((AddFiles) read).files()).singleElement().satisfies(f -> assertThat(f.rows()).isEqualTo(3));
    }

    @Test
    void shouldRefuseAnEntryOfANewerFormatVersion() {
        byte[] future = "{\"type\": \"SplitPartition\", \"formatVersion\": 2, \"partitionId\": \"p\", \"dimension\": 0, \"splitPoint\": 5}"
                .getBytes(StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TableStateSerDe.readTransaction(future, TestSchemas.longKey()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("a SplitPartition entry has format version 2; this Sediment reads versions 1 to 1 (was it written by a newer one?)");
    }

    @Test
    void shouldNameEveryTransactionTypeExplicitly() {
        Schema schema = TestSchemas.longKey();
        assertThat(TableStateSerDe.typeName(new RevokeRuns(List.of("r"), "gc"))).isEqualTo("RevokeRuns");
        assertThat(TableStateSerDe.typeName(new SplitPartition("p", 0, 1L))).isEqualTo("SplitPartition");
        assertThat(TableStateSerDe.typeName(new AddFiles("j", List.of()))).isEqualTo("AddFiles");
        assertThat(TableStateSerDe.typeName(new ReplaceFiles("j", List.of(), List.of()))).isEqualTo("ReplaceFiles");
        assertThat(TableStateSerDe.typeName(new CreateTable(schema, PartitionTree.fromSplitPoints(schema.rowKeyTypes(), List.of()))))
                .isEqualTo("CreateTable");
    }
}
