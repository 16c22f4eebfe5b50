package sediment.core.table;

import org.junit.jupiter.api.Test;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TableDescriptionTest {
    @TempDir
    Path tmp;

    @Test
    void shouldDescribeMultiFieldRegionsWithNumbersStringsAndNullForUnbounded() {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.TWO_FIELD_KEY, 100L);
        table.log().commit(new SplitPartition("p1", 1, "m"));
        FileReference file = instance.writeDataFile(table, "p10", 7);
        instance.addFiles(table, "job-1", file);

        com.fasterxml.jackson.databind.node.ObjectNode described = TableDescription.json(table.state());
        // Fields added after the first release; the rest must stay exactly as documented.
        assertThat(described.get("version").asLong()).isEqualTo(3);
        assertThat(described.get("schema").get("rowKeyFields").get(1).get("name").asText()).isEqualTo("b");
        assertThat(described.get("files").get(0).get("minRowKey").isNull()).isTrue();
        described.remove(List.of("version", "schema"));
        described.get("files").forEach(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) f).remove(List.of("minRowKey", "maxRowKey")));
        String json = described.toString();

        assertThat(json).isEqualTo("{\"table\":\"t\",\"partitions\":["
                + "{\"id\":\"p\",\"parentId\":null,\"leaf\":false,\"region\":{\"a\":{\"min\":null,\"max\":null},\"b\":{\"min\":null,\"max\":null}}},"
                + "{\"id\":\"p0\",\"parentId\":\"p\",\"leaf\":true,\"region\":{\"a\":{\"min\":null,\"max\":100},\"b\":{\"min\":null,\"max\":null}}},"
                + "{\"id\":\"p1\",\"parentId\":\"p\",\"leaf\":false,\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":null,\"max\":null}}},"
                + "{\"id\":\"p10\",\"parentId\":\"p1\",\"leaf\":true,\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":null,\"max\":\"m\"}}},"
                + "{\"id\":\"p11\",\"parentId\":\"p1\",\"leaf\":true,\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":\"m\",\"max\":null}}}],"
                + "\"files\":[{\"path\":\"" + file.path() + "\",\"partitionId\":\"p10\",\"rows\":7}]}");
    }

    @Test
    void shouldGiveEachFilesKeyRangeByFieldName() {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.TWO_FIELD_KEY, 100L);
        instance.addFiles(table, "job-1", new FileReference(instance.writeDataFile(table, "p0", 2).path(), "p0", 2,
                List.of(5L, "a"), List.of(99L, "zz")));

        var file = TableDescription.json(table.state()).get("files").get(0);

        assertThat(file.get("minRowKey").toString()).isEqualTo("{\"a\":5,\"b\":\"a\"}");
        assertThat(file.get("maxRowKey").toString()).isEqualTo("{\"a\":99,\"b\":\"zz\"}");
    }

    @Test
    void shouldListFilesLeftOnAPartitionThatWasSplitInText() {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY);
        instance.addFiles(table, "job-1", instance.writeDataFile(table, "p", 5));
        table.log().commit(new SplitPartition("p", 0, 10L));

        String text = TableDescription.text(table.state());

        assertThat(text).contains("files: 1, rows: 5").containsPattern("p \\(split\\) +key \\[-inf, \\+inf\\) +1 +5");
    }

    @Test
    void shouldDescribeByteArrayBoundsInBase64() {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.BYTES_KEY, new byte[]{(byte) 0x80});

        assertThat(TableDescription.json(table.state()).get("partitions").get(1).get("region").get("key").toString())
                .isEqualTo("{\"min\":null,\"max\":\"gA==\"}");
    }

    @Test
    void shouldSummariseLeavesInText() {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.STRING_KEY, "m");
        instance.addFiles(table, "job-1", instance.writeDataFile(table, "p1", 12));

        String text = TableDescription.text(table.state());

        assertThat(text).contains("Table t (version 2)", "row keys: key StringType", "sort keys: ts LongType",
                "values: value LongType", "partitions: 3 (2 leaves)", "files: 1, rows: 12");
        assertThat(text.lines().filter(l -> l.trim().startsWith("p0")).findFirst().orElseThrow()).contains("key [-inf, m)").endsWith(" 0");
        assertThat(text.lines().filter(l -> l.trim().startsWith("p1")).findFirst().orElseThrow()).contains("key [m, +inf)").endsWith(" 12");
    }
}
