package sediment.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.row.Row;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java API example of docs/ingest.md, compiled and run. */
class IngestApiExampleTest {
    @TempDir
    Path dir;

    record Event(long id, long time, String name) {
    }

    @Test
    void theDocumentedExampleIngestsAndCommits() throws Exception {
        Instance.init(dir.toString(), null).createTable("events", new Schema(List.of(new Field("key", PrimitiveType.LONG)),
                List.of(new Field("timestamp", PrimitiveType.LONG)), List.of(new Field("name", PrimitiveType.STRING))),
                List.of(500L), Map.of());
        List<Event> events = List.of(new Event(7, 100, "a"), new Event(900, 50, "b"), new Event(7, 20, "c"));

        // As in docs/ingest.md:
        Instance instance = Instance.open(dir.toString());
        Schema schema = instance.table("events").state().schema();
        IngestResult result;
        try (IngestRecords ingest = IngestRecords.open(instance, "events", "events-2026-12-01-0930")) {
            Row.Builder row = Row.builder(schema);
            for (Event e : events) {
                ingest.write(row.set("key", e.id()).set("timestamp", e.time()).set("name", e.name()).build());
            }
            result = ingest.commit();
        }

        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.files()).isEqualTo(2);
        assertThat(Instance.open(dir.toString()).table("events").state().totalRows()).isEqualTo(3);
    }
}
