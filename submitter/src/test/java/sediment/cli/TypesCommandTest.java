package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.parquet.DataFileSettings;
import sediment.core.row.Row;
import sediment.core.schema.Schema;
import sediment.core.storage.LocalStorage;
import sediment.core.table.FileReference;
import sediment.core.testutil.TempInstance;
import sediment.core.util.Json;
import sediment.ingest.parquet.RowFiles;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A table with timestamp, date and decimal columns as a user makes one: create with ISO split points, ingest, describe, split. */
class TypesCommandTest {
    @TempDir
    Path tmp;

    static final String SCHEMA = """
            {
              "rowKeyFields": [{"name": "at", "type": "TimestampType"}],
              "sortKeyFields": [{"name": "day", "type": "DateType"}],
              "valueFields": [{"name": "price", "type": {"DecimalType": {"precision": 18, "scale": 4}}}]
            }
            """;

    @Test
    void createsIngestsDescribesAndSplitsATableWithTimestampDateAndDecimalColumns() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Files.writeString(tmp.resolve("schema.json"), SCHEMA);
        Files.writeString(tmp.resolve("splits.txt"), "2026-11-21T00:00:00Z\n2026-11-22T00:00:00Z\n");
        Cli.run("table", "create", "events", "--schema", tmp.resolve("schema.json").toString(), "--split-points",
                tmp.resolve("splits.txt").toString(), "--instance", instance.root()).succeeded();
        Schema schema = Instance.open(instance.root()).table("events").state().schema();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(Row.builder(schema).set("at", Instant.parse("2026-11-20T12:00:00.000001Z").plusSeconds(7_200L * i))
                    .set("day", LocalDate.of(2026, 11, 20).plusDays(i % 3)).set("price", BigDecimal.valueOf(i * 125L, 2)).build());
        }
        Path input = tmp.resolve("in/a.parquet");
        Files.createDirectories(input.getParent());
        try (var w = RowFiles.writer(LocalStorage.qualify(input), schema,
                new DataFileSettings("snappy", 1 << 20, 1 << 16, false, false, false), Map.of(), new Configuration())) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        Path job = tmp.resolve("job.json");
        Files.writeString(job, "{\"id\": \"typed\", \"tableName\": \"events\", \"files\": [\"" + input + "\"]}");

        Cli.run("ingest", job.toString(), "--instance", instance.root()).succeeded();
        JsonNode described = Json.MAPPER.readTree(Cli.run("table", "describe", "events", "--json", "--instance", instance.root())
                .succeeded().out());

        assertThat(described.get("schema").toString()).isEqualTo(Json.MAPPER.readTree(SCHEMA).toString());
        List<String> bounds = new ArrayList<>();
        described.get("partitions").forEach(p -> bounds.add(p.get("region").get("at").get("min").asText()));
        assertThat(bounds).contains("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z");
        List<String> firstKeys = new ArrayList<>();
        described.get("files").forEach(f -> firstKeys.add(f.get("minRowKey").get("at").asText()));
        assertThat(firstKeys).containsExactlyInAnyOrder("2026-11-20T12:00:00.000001Z", "2026-11-21T00:00:00.000001Z",
                "2026-11-22T00:00:00.000001Z");
        List<Row> back = new ArrayList<>();
        for (FileReference file : Instance.open(instance.root()).table("events").state().files().values()) {
            try (ParquetReader<Row> reader = RowFiles.reader(file.path(), schema, new Configuration())) {
                for (Row r = reader.read(); r != null; r = reader.read()) {
                    back.add(r);
                }
            }
        }
        assertThat(back).containsExactlyInAnyOrderElementsOf(rows);
        String text = Cli.run("table", "describe", "events", "--instance", instance.root()).succeeded().out();
        assertThat(text).contains("row keys: at TimestampType", "sort keys: day DateType", "price DecimalType(18,4)",
                "at [2026-11-21T00:00:00Z, 2026-11-22T00:00:00Z)");

        String leaf = null;
        for (JsonNode p : described.get("partitions")) {
            if (p.get("leaf").booleanValue()) {
                leaf = p.get("id").asText();
            }
        }
        assertThat(Cli.run("table", "split", "events", "--partition", leaf, "--at", "2026-11-21 12:00",
                "--instance", instance.root()).userError())
                .contains("'2026-11-21 12:00' is not a valid TimestampType (expected ISO-8601 such as 2026-11-21T10:15:30.123456Z)")
                .doesNotContain("\n");
    }
}
