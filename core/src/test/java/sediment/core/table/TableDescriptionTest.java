package sediment.core.table;

import org.junit.jupiter.api.Test;
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

        String json = TableDescription.json(table.state()).toString();

        assertThat(json).isEqualTo("{\"table\":\"t\",\"partitions\":["
                + "{\"id\":\"p\",\"parentId\":null,\"leaf\":false,\"region\":{\"a\":{\"min\":null,\"max\":null},\"b\":{\"min\":null,\"max\":null}}},"
                + "{\"id\":\"p0\",\"parentId\":\"p\",\"leaf\":true,\"region\":{\"a\":{\"min\":null,\"max\":100},\"b\":{\"min\":null,\"max\":null}}},"
                + "{\"id\":\"p1\",\"parentId\":\"p\",\"leaf\":false,\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":null,\"max\":null}}},"
                + "{\"id\":\"p10\",\"parentId\":\"p1\",\"leaf\":true,\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":null,\"max\":\"m\"}}},"
                + "{\"id\":\"p11\",\"parentId\":\"p1\",\"leaf\":true,\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":\"m\",\"max\":null}}}],"
                + "\"files\":[{\"path\":\"" + file.path() + "\",\"partitionId\":\"p10\",\"rows\":7}]}");
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
