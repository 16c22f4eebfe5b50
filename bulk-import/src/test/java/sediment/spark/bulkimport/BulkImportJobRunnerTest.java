package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.LocalStorage;
import sediment.core.storage.Storage;
import sediment.core.table.TableState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BulkImportJobRunnerTest {
    @TempDir
    Path dir;

    static final Schema LONG_KEY = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("value", PrimitiveType.STRING)));

    static List<Row> longRows(int count, long seed, int keyRange) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(BulkImportFixture.row((long) random.nextInt(keyRange) - 20, "v" + i));
        }
        return rows;
    }

    static List<Object> longSplits(int leaves, long step) {
        List<Object> splits = new ArrayList<>();
        for (int i = 1; i < leaves; i++) {
            splits.add(i * step);
        }
        return splits;
    }

    @Test
    void importsEveryRowOnceSortedIntoItsLeafWithOneFilePerLeaf() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 200L, 300L));
        List<Row> rows = longRows(2000, 1, 400);
        Path input = f.writeInput("a", LONG_KEY, rows, 3);

        BulkImportResult result = f.run(f.job("job-1", "t", input));

        assertThat(result.rows()).isEqualTo(2000);
        assertThat(result.files()).isEqualTo(4);
        assertThat(table.state().files().values()).extracting(r -> r.partitionId())
                .containsExactlyInAnyOrder("p00", "p01", "p10", "p11");
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void usesDictionaryEncodingOnlyWhereTheTableAsksForIt() throws IOException {
        Schema schema = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(new Field("sort", PrimitiveType.LONG)),
                List.of(new Field("code", PrimitiveType.STRING)));
        BulkImportFixture f = new BulkImportFixture(dir);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(BulkImportFixture.row((long) i, (long) (i % 7), "code-" + (i % 5)));
        }
        Path input = f.writeInput("a", schema, rows, 2);
        Table plain = f.instance.createTable("plain", schema, List.of(), java.util.Map.of());
        Table dictionary = f.instance.createTable("dict", schema, List.of(), java.util.Map.of(
                "sleeper.table.parquet.dictionary.encoding.value.fields", "true",
                "sleeper.table.parquet.dictionary.encoding.sortkey.fields", "true"));

        f.run(f.job("plain", "plain", input));
        f.run(f.job("dict", "dict", input));

        assertThat(dictionaryColumns(plain)).isEmpty();
        assertThat(dictionaryColumns(dictionary)).containsExactlyInAnyOrder("sort", "code");
        assertThat(f.readCommitted(dictionary)).containsExactlyInAnyOrderElementsOf(rows);
    }

    private static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(String path) throws IOException {
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
                .fromPath(new org.apache.hadoop.fs.Path(path), new org.apache.hadoop.conf.Configuration()))) {
            return reader.getFooter();
        }
    }

    /** The columns of the table's files whose chunks are dictionary encoded. */
    private static Set<String> dictionaryColumns(Table table) throws IOException {
        Set<String> columns = new java.util.TreeSet<>();
        for (String path : table.state().files().keySet()) {
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
                    .fromPath(new org.apache.hadoop.fs.Path(path), new org.apache.hadoop.conf.Configuration()))) {
                for (var block : reader.getFooter().getBlocks()) {
                    for (var chunk : block.getColumns()) {
                        if (chunk.hasDictionaryPage()) {
                            columns.add(chunk.getPath().toDotString());
                        }
                    }
                }
            }
        }
        return columns;
    }

    @Test
    void progressCountsTheRowsWrittenNotTheBatchesShuffled() throws InterruptedException {
        BulkImportFixture f = new BulkImportFixture(dir);
        f.table("t", LONG_KEY, List.of(100L, 200L));
        Path input = f.writeInput("a", LONG_KEY, longRows(1500, 4, 300), 2);
        try (var progress = sediment.spark.ProgressReporter.start(f.spark, new java.io.PrintWriter(
                java.io.Writer.nullWriter()))) {
            f.run(f.job("watched", "t", input));
            // Listener events arrive asynchronously after the job returns.
            for (int i = 0; i < 100 && progress.rowsWritten() < 1500; i++) {
                Thread.sleep(100);
            }
            assertThat(progress.rowsWritten()).isEqualTo(1500);
        }
    }

    @Test
    void keepsEveryColumnTypeIncludingNullsListsAndMapsAsSparkReadsThem() throws IOException {
        Schema schema = new Schema(List.of(new Field("id", PrimitiveType.INT), new Field("bytes", PrimitiveType.BYTE_ARRAY)),
                List.of(new Field("at", PrimitiveType.LONG)),
                List.of(new Field("name", PrimitiveType.STRING), new Field("score", PrimitiveType.DOUBLE),
                        new Field("ratio", PrimitiveType.FLOAT), new Field("flag", PrimitiveType.BOOLEAN),
                        new Field("tags", new sediment.core.schema.ListType(PrimitiveType.STRING)),
                        new Field("counts", new sediment.core.schema.MapType(PrimitiveType.STRING, PrimitiveType.LONG))));
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("types", schema, List.of(0));
        List<Row> rows = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 400; i++) {
            boolean nulls = i % 4 == 0;
            List<String> tags = i % 5 == 0 ? List.of() : java.util.Arrays.asList("t" + i, null, "\uD83D\uDE00");
            java.util.Map<String, Long> counts = new java.util.HashMap<>();
            if (i % 3 != 0) {
                counts.put("a" + i, (long) i);
                counts.put("nothing", null);
            }
            rows.add(BulkImportFixture.row(random.nextInt(200) - 100, new byte[]{(byte) i, (byte) 0x80, (byte) 0xff},
                    random.nextLong(), nulls ? null : "name é " + i, nulls ? null : random.nextDouble(),
                    nulls ? null : random.nextFloat(), nulls ? null : i % 2 == 0,
                    nulls ? null : tags, nulls ? null : counts));
        }

        Path input = f.writeInput("a", schema, rows, 2);
        f.run(f.job("types", "types", input));

        List<String> expected = rows.stream().map(BulkImportJobRunnerTest::text).toList();
        assertThat(f.readCommitted(table).stream().map(BulkImportJobRunnerTest::text).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        // The files have the Parquet schema Spark's own writer gives the same Spark schema (the input's).
        String sparkWritten;
        try (var files = java.nio.file.Files.walk(input)) {
            sparkWritten = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow().toString();
        }
        for (String path : table.state().files().keySet()) {
            assertThat(footer(path).getFileMetaData().getSchema()).isEqualTo(footer(sparkWritten).getFileMetaData().getSchema());
            assertThat(f.spark.read().parquet(path).schema()).isEqualTo(f.spark.read().parquet(sparkWritten).schema());
        }
    }

    /** A row as text, whether built in Java or read by Spark: byte arrays by content, lists and maps by elements. */
    private static String text(Row row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            Object v = row.get(i);
            if (v instanceof scala.collection.Seq<?> seq) {
                v = scala.collection.JavaConverters.seqAsJavaListConverter(seq).asJava();
            } else if (v instanceof scala.collection.Map<?, ?> map) {
                v = scala.collection.JavaConverters.mapAsJavaMapConverter(map).asJava();
            }
            s.append(v instanceof byte[] b ? java.util.Arrays.toString(b)
                    : v instanceof java.util.Map<?, ?> m ? new java.util.TreeMap<>(m) : String.valueOf(v)).append('|');
        }
        return s.toString();
    }

    @Test
    void importsIntoAnInstanceWhosePathHasSpacesAndPercentSigns() {
        BulkImportFixture f = new BulkImportFixture(dir.resolve("my data %41"));
        Table table = f.table("t", LONG_KEY, List.of(100L));
        List<Row> rows = longRows(300, 6, 200);

        f.run(f.job("spaced", "t", f.writeInput("a", LONG_KEY, rows, 2)));

        assertThat(table.state().files()).hasSize(2);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void writesOneFileIntoATableOfOneLeaf() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of());
        List<Row> rows = longRows(500, 2, 1000);
        f.run(f.job("one-leaf", "t", f.writeInput("a", LONG_KEY, rows, 2)));

        assertThat(table.state().files()).hasSize(1);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void givesLeavesWithoutRowsNoFileAndHandlesSkew() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, longSplits(10, 100));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            rows.add(BulkImportFixture.row(i % 3 == 0 ? 5L : 350L + i % 7, "v" + i));
        }
        rows.add(BulkImportFixture.row(999L, "last"));
        BulkImportResult result = f.run(f.job("skewed", "t", f.writeInput("a", LONG_KEY, rows, 2)));

        assertThat(result.files()).isEqualTo(3);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void routesExactlyIntoHundredsOfLeaves() {
        BulkImportFixture f = new BulkImportFixture(dir);
        List<Row> rows = longRows(3000, 3, 6000);
        Table table = f.table("many", LONG_KEY, longSplits(300, 20));

        f.run(f.job("many", "many", f.writeInput("a", LONG_KEY, rows, 2)));

        assertThat(table.state().files()).hasSizeGreaterThan(250);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void ordersStringKeysByUtf8BytesIncludingNonAsciiAndNonBmpCharacters() {
        Schema schema = new Schema(List.of(new Field("name", PrimitiveType.STRING)), List.of(),
                List.of(new Field("n", PrimitiveType.INT)));
        BulkImportFixture f = new BulkImportFixture(dir);
        // U+FFFD sorts below U+1F600 in UTF-8 but above its surrogate pair in UTF-16.
        Table table = f.table("s", schema, List.of("m", "\uFFFD", "\uD83D\uDE00"));
        String[] samples = {"a", "z", "é", "ü", "\uFF21", "\uFFFD", "\uFFFDa", "\uD83D\uDE00", "\uD83D\uDE01", "\uD83D\uDE00x",
                "", "mm", "\uE000", "\uD7FF"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(BulkImportFixture.row(samples[i % samples.length] + (i % 5 == 0 ? "" : Integer.toString(i % 3)), i));
        }
        f.run(f.job("strings", "s", f.writeInput("a", schema, rows, 2)));
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void ordersByteArrayKeysUnsignedAndSplitsMultiFieldKeysOnAnyDimension() {
        Schema schema = new Schema(List.of(new Field("bytes", PrimitiveType.BYTE_ARRAY), new Field("n", PrimitiveType.INT)),
                List.of(new Field("sort", PrimitiveType.LONG)), List.of(new Field("v", PrimitiveType.STRING)));
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("b", schema, List.of(new byte[]{0x10}, new byte[]{(byte) 0x80}, new byte[]{(byte) 0xF0, 0x01}));
        table.log().commit(new sediment.core.table.SplitPartition("p11", 1, 0));
        table.log().commit(new sediment.core.table.SplitPartition("p00", 1, -5));
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            byte[] key = new byte[random.nextInt(3)];
            random.nextBytes(key);
            rows.add(BulkImportFixture.row(key, random.nextInt(40) - 20, (long) random.nextInt(10), "v" + i));
        }
        f.run(f.job("bytes", "b", f.writeInput("a", schema, rows, 2)));
        List<Row> committed = f.readCommitted(table);
        assertThat(committed).hasSize(rows.size());
        assertThat(committed.stream().map(BulkImportJobRunnerTest::describe).sorted().toList())
                .isEqualTo(rows.stream().map(BulkImportJobRunnerTest::describe).sorted().toList());
    }

    private static String describe(Row row) {
        return java.util.HexFormat.of().formatHex((byte[]) row.get(0)) + "|" + row.get(1) + "|" + row.get(2) + "|" + row.get(3);
    }

    @Test
    void sortsRowsWithEqualRowKeysBySortKey() {
        Schema schema = new Schema(List.of(new Field("k", PrimitiveType.INT)), List.of(new Field("ts", PrimitiveType.LONG)),
                List.of(new Field("v", PrimitiveType.STRING)));
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("s", schema, List.of(5));
        List<Row> rows = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 300; i++) {
            rows.add(BulkImportFixture.row(random.nextInt(10), (long) random.nextInt(1000), "v" + i));
        }
        f.run(f.job("sorted", "s", f.writeInput("a", schema, rows, 3)));
        for (var file : table.state().files().values()) {
            List<Row> written = f.spark.read().parquet(file.path()).collectAsList();
            for (int i = 1; i < written.size(); i++) {
                Row a = written.get(i - 1);
                Row b = written.get(i);
                assertThat(a.getInt(0) < b.getInt(0) || (a.getInt(0) == b.getInt(0) && a.getLong(1) <= b.getLong(1)))
                        .as("%s before %s", a, b).isTrue();
            }
        }
    }

    @Test
    void runningTheSameJobIdAgainChangesNothing() throws IOException {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L));
        List<Row> rows = longRows(300, 4, 200);
        BulkImportJob job = f.job("again", "t", f.writeInput("a", LONG_KEY, rows, 2));
        f.run(job);
        TableState before = table.state();
        Set<String> filesBefore = dataFiles(table);

        BulkImportResult second = f.run(job);

        assertThat(second.alreadyCommitted()).isTrue();
        assertThat(table.state().version()).isEqualTo(before.version());
        assertThat(dataFiles(table)).isEqualTo(filesBefore);
        assertThat(new JobStatusStore(f.instance).get("again").state()).isEqualTo(JobStatus.State.FINISHED);
    }

    @Test
    void commitsNothingWhenTheInputHasNoRows() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L));
        BulkImportResult result = f.run(f.job("empty", "t", f.writeInput("a", LONG_KEY, List.of(), 1)));

        assertThat(result.files()).isZero();
        assertThat(table.state().version()).isEqualTo(1);
        assertThat(table.state().files()).isEmpty();
    }

    @Test
    void aTaskThatFailsOnceGivesTheSameTableAsACleanRunWithNoStrayFiles() throws IOException {
        BulkImportFixture f = new BulkImportFixture(dir);
        List<Row> rows = longRows(3000, 6, 400);
        Path input = f.writeInput("a", LONG_KEY, rows, 3);
        Table clean = f.table("clean", LONG_KEY, List.of(100L, 200L, 300L));
        Table retried = f.table("retried", LONG_KEY, List.of(100L, 200L, 300L));
        f.run(f.job("clean", "clean", input));

        LeafFileWriter.FailureInjection failOnce = (leaf, written, task) -> {
            if (leaf == 1 && written == 50 && task.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure in leaf 1");
            }
        };
        BulkImportResult result = new BulkImportJobRunner(f.spark, f.instance, failOnce)
                .run(f.job("retried", "retried", input), "test");

        assertThat(result.rows()).isEqualTo(rows.size());
        assertThat(f.readCommitted(retried)).containsExactlyInAnyOrderElementsOf(f.readCommitted(clean));
        assertThat(dataFiles(retried)).isEqualTo(retried.state().files().keySet());
    }

    @Test
    void aJobThatFailsCommitsNothingAndLeavesNoFiles() throws IOException {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 200L));
        Path input = f.writeInput("a", LONG_KEY, longRows(1000, 7, 300), 2);
        LeafFileWriter.FailureInjection alwaysFail = (leaf, written, task) -> {
            if (leaf == 2 && written == 10) {
                throw new IllegalStateException("disk on fire");
            }
        };
        BulkImportJobRunner runner = new BulkImportJobRunner(f.spark, f.instance, alwaysFail);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(f.job("doomed", "t", input), "test"))
                .hasMessageContaining("Bulk import job doomed failed; nothing was committed")
                .hasMessageContaining("disk on fire");
        assertThat(table.state().version()).isEqualTo(1);
        assertThat(dataFiles(table)).isEmpty();
        JobStatus status = new JobStatusStore(f.instance).get("doomed");
        assertThat(status.state()).isEqualTo(JobStatus.State.FAILED);
        assertThat(status.reason()).contains("disk on fire");
    }

    /**
     * The table's data files; fails if a key sketch file lies among them: the import records each file's sketch in
     * its footer and writes nothing beside it.
     */
    static Set<String> dataFiles(Table table) throws IOException {
        Set<String> all = new LocalStorage().list(table.dataPath(), true).stream().map(Storage.FileInfo::path)
                .filter(p -> !Storage.name(p).startsWith(".")).collect(Collectors.toSet());
        assertThat(all).as("no key sketch file beside a data file").noneMatch(p -> sediment.core.split.SketchFiles.dataFileOf(p).isPresent());
        return all;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
