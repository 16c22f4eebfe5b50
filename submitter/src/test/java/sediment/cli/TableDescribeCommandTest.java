package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.storage.LocalStorage;
import sediment.core.table.FileReference;
import sediment.core.table.SplitPartition;
import sediment.core.testutil.LogSnapshot;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;
import sediment.core.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableDescribeCommandTest {
    @TempDir
    Path tmp;

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode describeJson(TempInstance instance, String table) throws Exception {
        return Json.MAPPER.readTree(Cli.run("table", "describe", table, "--json", "--instance", instance.root()).succeeded().out());
    }

    @Test
    void shouldPrintTheDocumentedJsonShape() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.TWO_FIELD_KEY, 100L);
        table.log().commit(new SplitPartition("p1", 1, "m"));
        FileReference file = instance.writeDataFile(table, "p11", 42);
        instance.addFiles(table, "job-1", file);

        JsonNode root = describeJson(instance, "t");

        assertThat(fieldNames(root)).containsExactly("table", "location", "version", "schema", "partitions", "files");
        assertThat(root.get("table").textValue()).isEqualTo("t");
        assertThat(root.get("location").textValue()).as("what the data source loads").isEqualTo(table.path()).startsWith("file:/");
        assertThat(root.get("version").longValue()).isEqualTo(3);
        assertThat(fieldNames(root.get("schema"))).containsExactly("rowKeyFields", "sortKeyFields", "valueFields");
        assertThat(root.get("partitions")).hasSize(5);
        for (JsonNode p : root.get("partitions")) {
            assertThat(fieldNames(p)).containsExactly("id", "parentId", "leaf", "region");
            assertThat(p.get("id").isTextual()).isTrue();
            assertThat(p.get("parentId").isTextual() || p.get("parentId").isNull()).isTrue();
            assertThat(p.get("leaf").isBoolean()).isTrue();
            assertThat(fieldNames(p.get("region"))).containsExactly("a", "b");
            for (JsonNode range : p.get("region")) {
                assertThat(fieldNames(range)).containsExactly("min", "max");
            }
        }
        JsonNode p11 = root.get("partitions").get(4);
        assertThat(p11.toString()).isEqualTo("{\"id\":\"p11\",\"parentId\":\"p1\",\"leaf\":true,"
                + "\"region\":{\"a\":{\"min\":100,\"max\":null},\"b\":{\"min\":\"m\",\"max\":null}}}");
        assertThat(p11.get("region").get("a").get("min").isIntegralNumber()).isTrue();
        assertThat(root.get("partitions").get(0).toString()).isEqualTo("{\"id\":\"p\",\"parentId\":null,\"leaf\":false,"
                + "\"region\":{\"a\":{\"min\":null,\"max\":null},\"b\":{\"min\":null,\"max\":null}}}");

        assertThat(root.get("files")).hasSize(1);
        JsonNode f = root.get("files").get(0);
        assertThat(fieldNames(f)).containsExactly("path", "partitionId", "rows", "minRowKey", "maxRowKey");
        assertThat(f.get("minRowKey").isNull()).as("the stand-in file's reference records no keys").isTrue();
        assertThat(f.get("path").textValue()).isEqualTo(file.path()).startsWith("file:/");
        assertThat(LocalStorage.toPath(f.get("path").textValue()).isAbsolute()).isTrue();
        assertThat(Files.exists(LocalStorage.toPath(f.get("path").textValue()))).isTrue();
        assertThat(f.get("partitionId").textValue()).isEqualTo("p11");
        assertThat(f.get("rows").isIntegralNumber()).isTrue();
        assertThat(f.get("rows").longValue()).isEqualTo(42);
    }

    @Test
    void shouldDescribeAnEmptyTable() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.STRING_KEY);

        JsonNode described = describeJson(instance, "t");
        ((com.fasterxml.jackson.databind.node.ObjectNode) described).remove("schema");
        ((com.fasterxml.jackson.databind.node.ObjectNode) described).remove("location");
        assertThat(described.toString()).isEqualTo("{\"table\":\"t\",\"version\":1,\"partitions\":[{\"id\":\"p\",\"parentId\":null,"
                + "\"leaf\":true,\"region\":{\"key\":{\"min\":null,\"max\":null}}}],\"files\":[]}");
    }

    @Test
    void shouldDescribeInTextAndAtAnEarlierVersion() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY, 10L);
        instance.addFiles(table, "job-1", instance.writeDataFile(table, "p1", 5));

        String text = Cli.run("table", "describe", "t", "--instance", instance.root()).succeeded().out();
        assertThat(text).contains("Table t (version 2)\nLocation: " + table.path() + "\n", "files: 1, rows: 5", "key [-inf, 10)", "key [10, +inf)");

        JsonNode atCreate = Json.MAPPER.readTree(
                Cli.run("table", "describe", "t", "--json", "--version", "1", "--instance", instance.root()).succeeded().out());
        assertThat(atCreate.get("files")).isEmpty();
        assertThat(Cli.run("table", "describe", "t", "--version", "3", "--instance", instance.root()).userError())
                .isEqualTo("Cannot read table t at version 3: the log ends at version 2");
    }

    @Test
    void shouldNameTheKnownTablesWhenTheTableIsMissing() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("a", TestSchemas.LONG_KEY);

        assertThat(Cli.run("table", "describe", "b", "--instance", instance.root()).userError())
                .isEqualTo("Table 'b' does not exist in instance " + instance.root() + " (tables: a)");
    }

    @Test
    void shouldNameACorruptOrTruncatedLogEntryAndChangeNothing() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY);
        instance.addFiles(table, "job-1", instance.writeDataFile(table, "p", 5));
        Path entry = instance.logDir("t").resolve("00000000000000000002.json");
        byte[] content = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(content, content.length - 10));
        LogSnapshot before = LogSnapshot.of(instance.dir());

        String message = Cli.run("table", "describe", "t", "--instance", instance.root()).userError();
        assertThat(message).startsWith("Cannot read table t: log entry 2 (" + LocalStorage.qualify(entry) + ") is corrupt or truncated: ");
        assertThat(Cli.run("table", "split", "t", "--partition", "p", "--at", "5", "--instance", instance.root()).userError())
                .isEqualTo(message);
        before.assertUnchanged();

        Files.writeString(entry, "{\"type\": \"AddFiles\", \"files\": [{\"path\": \"x\"}]}");
        assertThat(Cli.run("table", "describe", "t", "--instance", instance.root()).userError())
                .endsWith("is corrupt or truncated: missing field 'partitionId'");
    }
}
