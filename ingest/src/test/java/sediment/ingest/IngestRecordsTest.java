package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.row.Row;
import sediment.core.schema.Field;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.TableState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestRecordsTest {
    @TempDir
    Path dir;

    static final Schema LONG_KEY = new Schema(List.of(new Field("key", PrimitiveType.LONG)),
            List.of(new Field("ts", PrimitiveType.LONG)),
            List.of(new Field("value", PrimitiveType.STRING), new Field("tags", new ListType(PrimitiveType.STRING)),
                    new Field("counts", new MapType(PrimitiveType.STRING, PrimitiveType.LONG))));

    static List<Row> rows(Schema schema, int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        Row.Builder b = Row.builder(schema);
        for (int i = 0; i < n; i++) {
            Map<String, Long> counts = new HashMap<>();
            if (i % 3 != 0) {
                counts.put("c" + i, (long) i);
                counts.put("none", null);
            }
            rows.add(b.set("key", (long) random.nextInt(1000) - 100).set("ts", (long) random.nextInt(50))
                    .set("value", i % 7 == 0 ? null : "v" + i)
                    .set("tags", i % 5 == 0 ? null : java.util.Arrays.asList("t" + i, null, "\uD83D\uDE00"))
                    .set("counts", counts).build());
        }
        return rows;
    }

    private static IngestResult ingest(Table table, String jobId, List<Row> rows, IngestSettings settings) {
        try (IngestRecords ingest = IngestRecords.open(table, jobId, settings, Map.of(), new Configuration(), IngestProgress.NONE)) {
            rows.forEach(ingest::write);
            return ingest.commit();
        }
    }

    @Test
    void ingestsEveryRowOnceSortedIntoItsLeafInOneCommitWhenItFitsInMemory() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 400L, 700L));
        List<Row> rows = rows(LONG_KEY, 3000, 1);

        IngestResult result = ingest(table, "job-1", rows, IngestFixture.bounds(10_000, 100_000, dir.resolve("local")));

        assertThat(result.rows()).isEqualTo(3000);
        assertThat(result.files()).isEqualTo(4);
        assertThat(result.runsSpilled()).isZero();
        TableState state = Instance.open(f.instance.root()).table("t").state();
        assertThat(state.version()).isEqualTo(2);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(f.dataFiles("t")).isEqualTo(state.files().keySet());
    }

    @Test
    void recordsEachFilesKeySketchInItsFooterSoSplitAutoReadsNoData() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Schema flat = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
                List.of(new Field("value", PrimitiveType.STRING)));
        Table table = f.table("t", flat, List.of(1000L));
        List<Row> rows = new ArrayList<>();
        for (long k = 0; k < 2000; k++) {
            rows.add(Row.builder(flat).set("key", k).set("value", "v" + k).build());
        }
        java.util.Collections.shuffle(rows, new Random(4));

        ingest(table, "job-1", rows, IngestFixture.bounds(10_000, 100_000, dir.resolve("local")));

        TableState state = Instance.open(f.instance.root()).table("t").state();
        sediment.core.split.SketchFiles sketches = new sediment.core.split.SketchFiles(f.instance.storage(), new Configuration(),
                flat);
        assertThat(state.files()).hasSize(2);
        for (sediment.core.table.FileReference file : state.files().values()) {
            sediment.core.split.SketchFiles.Found found = sketches.sketchOf(file.path());
            assertThat(found.computed()).as("sketch of %s read from its footer", file.path()).isFalse();
            assertThat(found.sketch().rows()).isEqualTo(1000);
            long low = (Long) file.minRowKey().get(0);
            assertThat((Long) found.sketch().splitPoint(0).orElseThrow()).as("the median of %d..%d", low, low + 999)
                    .isBetween(low + 480, low + 520);
        }
        assertThat(f.dataFiles("t")).as("no sketch file beside any").isEqualTo(state.files().keySet());
    }

    @Test
    void spillsSortedRunsAndWritesSeveralRoundsWhenTheBoundsAreSmall() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 400L, 700L));
        List<Row> rows = rows(LONG_KEY, 5000, 2);
        Path local = dir.resolve("local");

        IngestResult result = ingest(table, "job-1", rows, IngestFixture.bounds(300, 1200, local));

        assertThat(result.runsSpilled()).isGreaterThanOrEqualTo(16);
        assertThat(result.rounds()).isGreaterThanOrEqualTo(4);
        assertThat(result.files()).isGreaterThan(4);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        TableState state = Instance.open(f.instance.root()).table("t").state();
        assertThat(state.version()).as("one commit for all rounds").isEqualTo(2);
        try (var left = Files.list(local)) {
            assertThat(left.toList()).as("local runs are deleted").isEmpty();
        }
    }

    @Test
    void boundsTheBatchByBytesAsWellAsRows() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(500L));
        List<Row> rows = rows(LONG_KEY, 2000, 3);

        IngestResult result = ingest(table, "job-1", rows, new IngestSettings(1_000_000, 20_000, 1_000_000, dir.resolve("l")));

        assertThat(result.runsSpilled()).isGreaterThan(5);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void ordersMultiFieldStringAndByteKeysAndRoutesOnTreesSplitOnTheSecondField() throws Exception {
        Schema schema = new Schema(List.of(new Field("name", PrimitiveType.STRING), new Field("bytes", PrimitiveType.BYTE_ARRAY)),
                List.of(), List.of(new Field("n", PrimitiveType.INT)));
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", schema, List.of("m", "\uFFFD"));
        table.log().commit(new sediment.core.table.SplitPartition("p1", 1, new byte[]{(byte) 0x80}));
        table = Instance.open(f.instance.root()).table("t");
        String[] names = {"a", "z", "é", "\uFFFD", "\uFFFDa", "\uD83D\uDE00", "\uD83D\uDE00x", "", "mm", "\uE000"};
        Random random = new Random(4);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            byte[] b = new byte[random.nextInt(3)];
            random.nextBytes(b);
            rows.add(Row.builder(schema).set("name", names[i % names.length] + (i % 3)).set("bytes", b).set("n", i).build());
        }

        ingest(table, "job-1", rows, IngestFixture.bounds(97, 400, dir.resolve("l")));

        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void aRerunOfACommittedJobChangesNothing() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(500L));
        List<Row> rows = rows(LONG_KEY, 500, 5);
        ingest(table, "once", rows, IngestFixture.bounds(100, 1000, dir.resolve("l")));
        var before = f.dataFiles("t");

        IngestResult again = ingest(Instance.open(f.instance.root()).table("t"), "once", rows,
                IngestFixture.bounds(100, 1000, dir.resolve("l")));

        assertThat(again.alreadyCommitted()).isTrue();
        assertThat(f.dataFiles("t")).isEqualTo(before);
        assertThat(Instance.open(f.instance.root()).table("t").state().version()).isEqualTo(2);
    }

    @Test
    void anIngestClosedWithoutCommittingLeavesTheTableAsItWas() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(500L));
        try (IngestRecords ingest = IngestRecords.open(table, "dropped", IngestFixture.bounds(100, 300, dir.resolve("l")),
                Map.of(), new Configuration(), IngestProgress.NONE)) {
            rows(LONG_KEY, 1000, 6).forEach(ingest::write);
            assertThat(f.dataFiles("t")).as("rounds were written before the end").isNotEmpty();
        }

        assertThat(f.dataFiles("t")).isEmpty();
        assertThat(Instance.open(f.instance.root()).table("t").state().version()).isEqualTo(1);
    }

    @Test
    void refusesRowsOfTheWrongShapeWithAClearMessage() {
        assertThatThrownBy(() -> Row.builder(LONG_KEY).set("key", 5).build())
                .hasMessage("Field 'key' is LongType, not Integer (5)");
        assertThatThrownBy(() -> Row.builder(LONG_KEY).set("value", "x").build())
                .hasMessage("Key field 'key' has no value; key fields cannot be null");
        assertThatThrownBy(() -> Row.builder(LONG_KEY).set("nope", 1L))
                .hasMessageStartingWith("The table has no field 'nope'");
    }
}
