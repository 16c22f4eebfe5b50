package sediment.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.partition.Partition;
import sediment.core.testutil.LogSnapshot;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TableCreateCommandTest {
    @TempDir
    Path tmp;
    private TempInstance instance;
    private Path schema;

    @BeforeEach
    void setUp() {
        instance = TempInstance.create(tmp);
        schema = instance.writeFile("schema.json", TestSchemas.LONG_KEY);
    }

    private Cli.Result create(String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "table";
        args[1] = "create";
        args[2] = "--instance";
        args[3] = instance.root();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    @Test
    void shouldCreateATableFromASchemaAndSplitPointsOnePerLine() {
        Path splits = instance.writeFile("splits.txt", "100\n200\n\n300\n");

        Cli.Result result = create("t", "--schema", schema.toString(), "--split-points", splits.toString()).succeeded();

        assertThat(result.out().strip()).isEqualTo("Created table t with 4 leaf partitions in " + instance.root());
        assertThat(instance.reopen().table("t").state().partitions().leaves()).extracting(p -> p.region().get(0).min())
                .containsExactly(null, 100L, 200L, 300L);
        assertThat(Cli.run("table", "list", "--instance", instance.root()).succeeded().out()).isEqualTo("t\n");
    }

    @Test
    void shouldCreateATableFromAJsonArrayOfSplitPoints() {
        Path stringSchema = instance.writeFile("s.json", TestSchemas.STRING_KEY);
        Path splits = instance.writeFile("splits.json", "[\"g\", \"n\", \"\ud83d\ude00\"]");

        create("t", "--schema", stringSchema.toString(), "--split-points", splits.toString()).succeeded();

        assertThat(instance.reopen().table("t").state().partitions().leaves()).extracting(Partition::id)
                .containsExactly("p00", "p01", "p10", "p11");
    }

    @Test
    void shouldCreateATableWithProperties() {
        create("t", "--schema", schema.toString(), "--property", "sleeper.table.compression.codec=zstd").succeeded();

        assertThat(instance.reopen().table("t").properties()).containsEntry("sleeper.table.compression.codec", "zstd");
    }

    @Test
    void shouldRefuseABadSchemaNamingFileLineColumnAndField() {
        Path bad = instance.writeFile("bad-schema.json", """
                {
                  "rowKeyFields": [{"name": "key", "type": "Long"}]
                }
                """);
        LogSnapshot before = LogSnapshot.of(instance.dir());

        String message = create("t", "--schema", bad.toString()).userError();

        assertThat(message).startsWith(bad + " line 2, column 44: field 'rowKeyFields[0].type': unknown type 'Long'; expected one of");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseSchemasWithoutRowKeyOrWithDuplicateNames() {
        Path noKey = instance.writeFile("nokey.json", "{\"valueFields\": [{\"name\": \"v\", \"type\": \"LongType\"}]}");
        Path duplicate = instance.writeFile("dup.json",
                "{\"rowKeyFields\": [{\"name\": \"k\", \"type\": \"LongType\"}], \"valueFields\": [{\"name\": \"k\", \"type\": \"LongType\"}]}");
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(create("t", "--schema", noKey.toString()).userError())
                .isEqualTo(noKey + ": Invalid schema: rowKeyFields must name at least one field");
        assertThat(create("t", "--schema", duplicate.toString()).userError())
                .isEqualTo(duplicate + ": Invalid schema: field name 'k' is used more than once");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseAMissingSchemaFile() {
        Path missing = tmp.resolve("nope.json");
        assertThat(create("t", "--schema", missing.toString()).userError()).isEqualTo("Schema file " + missing + " does not exist");
    }

    @Test
    void shouldRefuseSplitPointsOutOfOrderNamingTheLinesAndChangingNothing() {
        Path splits = instance.writeFile("splits.txt", "100\n300\n200\n");
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(create("t", "--schema", schema.toString(), "--split-points", splits.toString()).userError())
                .isEqualTo(splits + " line 3: split points are not in increasing order: 200 is not greater than the split"
                        + " point before it, 300 (line 2)");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseSplitPointsThatDoNotParse() {
        Path splits = instance.writeFile("splits.txt", "100\nabc\n");
        Path json = instance.writeFile("splits.json", "[100,\n \"200\"]");
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(create("t", "--schema", schema.toString(), "--split-points", splits.toString()).userError())
                .isEqualTo(splits + " line 2: 'abc' is not a valid LongType");
        assertThat(create("t", "--schema", schema.toString(), "--split-points", json.toString()).userError())
                .isEqualTo(json + " line 2, column 2: split point [1] must be a JSON integer for LongType, got \"200\"");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseAnExistingTableAndUnknownProperties() {
        create("t", "--schema", schema.toString()).succeeded();
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(create("t", "--schema", schema.toString()).userError())
                .isEqualTo("Cannot create table 't': it already exists in instance " + instance.root());
        assertThat(create("u", "--schema", schema.toString(), "--property", "sleeper.table.compresion.codec=zstd").userError())
                .isEqualTo("Unknown table properties: sleeper.table.compresion.codec (see docs/properties.md)");
        assertThat(create("bad/name", "--schema", schema.toString()).userError()).startsWith("Invalid table name 'bad/name'");
        before.assertUnchanged();
    }
}
