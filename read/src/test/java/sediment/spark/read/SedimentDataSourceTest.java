package sediment.spark.read;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.schema.Field;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;
import sediment.core.table.SplitPartition;
import sediment.core.table.TableState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SedimentDataSourceTest {
    static final Schema SCHEMA = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("value", PrimitiveType.STRING)));

    @TempDir
    Path dir;
    ReadFixture f;
    Table table;

    /** Keys 0..399 once per import: version 2 holds the "a" rows, version 3 the "a" and "b" rows, two files per leaf. */
    @BeforeEach
    void twoImports() {
        f = new ReadFixture(dir);
        table = f.table("t", SCHEMA, List.of(100L, 200L, 300L));
        f.importRows(table, "job-a", rows("a", 0, 400), 3);
        f.importRows(table, "job-b", rows("b", 0, 400), 2);
    }

    static List<Row> rows(String prefix, long from, long to) {
        List<Row> rows = new ArrayList<>();
        for (long k = from; k < to; k++) {
            rows.add(ReadFixture.row(k, prefix + k));
        }
        return rows;
    }

    static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void readsTheLatestVersionWithTheTablesSchema() {
        Dataset<Row> df = f.read(table);

        assertThat(df.schema()).isEqualTo(sediment.spark.SparkSchemas.structType(SCHEMA));
        assertThat(df.collectAsList()).containsExactlyInAnyOrderElementsOf(concat(rows("a", 0, 400), rows("b", 0, 400)));
        assertThat(ReadFixture.scans(df).get(0).version()).isEqualTo(3);
    }

    @Test
    void readsAnOlderVersionWithVersionAsOf() {
        Dataset<Row> v2 = f.spark.read().format("sediment").option("versionAsOf", 2).load(table.path());
        Dataset<Row> v1 = f.spark.read().format("sediment").option("versionAsOf", "1").load(table.path());

        assertThat(v2.collectAsList()).containsExactlyInAnyOrderElementsOf(rows("a", 0, 400));
        assertThat(ReadFixture.plannedPaths(v2)).hasSize(4);
        assertThat(v1.count()).isZero();
    }

    @Test
    void aLoadedDataFrameKeepsReadingTheVersionItLoaded() {
        Dataset<Row> df = f.read(table);
        assertThat(df.count()).isEqualTo(800);

        f.importRows(table, "job-c", rows("c", 0, 10), 1);

        assertThat(df.count()).isEqualTo(800);
        assertThat(f.read(table).count()).isEqualTo(810);
    }

    @Test
    void neverReadsAFileTheLogDoesNotReference() throws IOException {
        TableState state = table.state();
        Path committed = Paths.get(URI.create(state.files().values().iterator().next().path().replace("file:", "file://")));
        // A stray copy, and one named as an uncommitted run's output would be: both sit beside committed files.
        Files.copy(committed, committed.resolveSibling("stray.parquet"));
        Files.copy(committed, committed.resolveSibling("job-x.0123456789abcdef0123.0.0.parquet"));

        assertThat(f.read(table).count()).isEqualTo(800);
        assertThat(ReadFixture.plannedPaths(f.read(table))).containsExactlyInAnyOrderElementsOf(
                state.files().values().stream().map(FileReference::path).toList());
        // what a glob over the data directory would have read instead
        assertThat(f.spark.read().parquet(table.dataPath() + "/*/*.parquet").count()).isGreaterThan(800);
    }

    @Test
    void prunesFilesByLeafRegionBeforeOpeningAny() {
        assertThat(planned(col("key").between(120, 150))).containsOnly("p01").hasSize(2);
        assertThat(planned(col("key").equalTo(250L))).containsOnly("p10").hasSize(2);
        assertThat(planned(col("key").isin(5L, 305L))).containsOnly("p00", "p11").hasSize(4);
        assertThat(planned(col("key").lt(100L))).containsOnly("p00");
        assertThat(planned(col("key").leq(100L))).containsOnly("p00", "p01");
        assertThat(planned(col("key").geq(300L))).containsOnly("p11");
        assertThat(planned(col("key").equalTo(150L).or(col("key").equalTo(350L)))).containsOnly("p01", "p11");
        assertThat(planned(col("key").gt(100L).and(col("key").lt(200L)))).containsOnly("p01");
        // a filter on a value column cannot prune
        assertThat(planned(col("value").equalTo("a5"))).hasSize(8);
        // NOT key < 350 reaches the scan as key >= 350; NOT IN cannot prune, which the pruning does not judge
        assertThat(planned(functionsNot(col("key").lt(350L)))).containsOnly("p11");
        assertThat(planned(functionsNot(col("key").isin(1L, 2L)))).hasSize(8);
    }

    private static org.apache.spark.sql.Column functionsNot(org.apache.spark.sql.Column c) {
        return org.apache.spark.sql.functions.not(c);
    }

    @Test
    void prunesFilesByTheirMinAndMaxRowKeyWithinALeaf() {
        f.importRows(table, "job-c", rows("c", 300, 311), 1);
        String narrow = table.state().files().values().stream().filter(r -> r.partitionId().equals("p11"))
                .filter(r -> r.maxRowKey().get(0).equals(310L)).findFirst().orElseThrow().path();

        Dataset<Row> above = f.read(table).filter(col("key").gt(320L));
        Dataset<Row> inside = f.read(table).filter(col("key").equalTo(305L));

        assertThat(ReadFixture.plannedPaths(above)).hasSize(2).doesNotContain(narrow);
        assertThat(ReadFixture.plannedPaths(inside)).hasSize(3).contains(narrow);
        assertThat(inside.collectAsList()).containsExactlyInAnyOrder(ReadFixture.row(305L, "a305"),
                ReadFixture.row(305L, "b305"), ReadFixture.row(305L, "c305"));
        assertThat(ReadFixture.plannedPaths(f.read(table).filter(col("key").gt(399L)))).isEmpty();
        assertThat(f.read(table).filter(col("key").gt(399L)).count()).isZero();
    }

    /** The leaves of the files a filtered read planned. */
    private List<String> planned(org.apache.spark.sql.Column filter) {
        Map<String, String> leafOf = new java.util.HashMap<>();
        table.state().files().values().forEach(r -> leafOf.put(r.path(), r.partitionId()));
        Dataset<Row> df = f.read(table).filter(filter);
        // pruned or not, the rows are those of the filter
        assertThat(df.collectAsList()).containsExactlyInAnyOrderElementsOf(plainRead().filter(filter).collectAsList());
        return ReadFixture.plannedPaths(df).stream().map(leafOf::get).toList();
    }

    private Dataset<Row> plainRead() {
        return f.spark.read().parquet(table.state().files().values().stream().map(FileReference::path).toArray(String[]::new));
    }

    @Test
    void agreesWithAPlainParquetReadOfTheCommittedFiles() {
        List<org.apache.spark.sql.Column> filters = List.of(col("key").between(90, 210), col("key").isin(0L, 399L, 1000L),
                col("value").startsWith("b1"), col("key").geq(150L).and(col("value").endsWith("7")));
        for (org.apache.spark.sql.Column filter : filters) {
            assertThat(f.read(table).filter(filter).collectAsList()).as("%s", filter)
                    .containsExactlyInAnyOrderElementsOf(plainRead().filter(filter).collectAsList());
        }
        assertThat(f.read(table).groupBy().sum("key").first().getLong(0))
                .isEqualTo(plainRead().groupBy().sum("key").first().getLong(0));
    }

    @Test
    void readsOnlyTheColumnsAQueryNeeds() {
        Dataset<Row> values = f.read(table).select("value").filter(col("key").equalTo(7L));

        assertThat(ReadFixture.scans(values).get(0).readSchema().fieldNames()).containsExactlyInAnyOrder("value", "key");
        assertThat(values.collectAsList()).containsExactlyInAnyOrder(ReadFixture.row("a7"), ReadFixture.row("b7"));
        assertThat(ReadFixture.scans(f.read(table).select("value")).get(0).readSchema().fieldNames()).containsExactly("value");
    }

    @Test
    void aCopiedInstanceReadsItsOwnFiles() throws IOException {
        Path copy = dir.resolve("copy");
        copyTree(dir.resolve("instance"), copy);
        deleteTree(dir.resolve("instance").resolve("tables").resolve("t").resolve("data"));
        String copiedTable = copy.resolve("tables").resolve("t").toString();

        Dataset<Row> df = f.spark.read().format("sediment").load(copiedTable);

        assertThat(df.collectAsList()).containsExactlyInAnyOrderElementsOf(concat(rows("a", 0, 400), rows("b", 0, 400)));
        assertThat(ReadFixture.plannedPaths(df)).allMatch(p -> p.startsWith("file:" + copy + "/tables/t/data/"));
    }

    @Test
    void failsWithOneLineNamingWhatIsWrong() {
        assertThatThrownBy(() -> f.spark.read().format("sediment").option("versionAsOf", 9).load(table.path()))
                .hasMessage("Cannot read table t at version 9: its versions are 1 to 3");
        assertThatThrownBy(() -> f.spark.read().format("sediment").option("versionAsOf", "x").load(table.path()))
                .hasMessage("Invalid versionAsOf 'x': a log version, 1 or more");
        assertThatThrownBy(() -> f.spark.read().format("sediment").option("timestampAsOf", "2026-01-01").load(table.path()))
                .hasMessageStartingWith("Option timestampAsOf is not supported");
        assertThatThrownBy(() -> f.spark.read().format("sediment").load(dir.resolve("nothing").toString()))
                .hasMessageStartingWith("No Sediment table at file:" + dir.resolve("nothing"));
        assertThatThrownBy(() -> f.spark.read().format("sediment").load())
                .hasMessageStartingWith("No Sediment table given");
    }

    @Test
    void aMissingCommittedFileFailsTheReadNamingIt() throws IOException {
        FileReference gone = table.state().files().values().iterator().next();
        Files.delete(Paths.get(URI.create(gone.path().replace("file:", "file://"))));

        assertThatThrownBy(() -> f.read(table).count()).hasMessageContaining("data file " + gone.path())
                .hasMessageContaining("missing from storage");
    }

    @Test
    void prunesOnEveryFieldOfAMultiFieldKeyByRegionAndOnTheFirstByMinAndMax() {
        Schema schema = new Schema(List.of(new Field("account", PrimitiveType.LONG), new Field("city", PrimitiveType.STRING)),
                List.of(), List.of(new Field("amount", PrimitiveType.DOUBLE)));
        Table events = f.table("events", schema, List.of(100L));
        events.log().commit(new SplitPartition("p1", 1, "m"));
        List<Row> rows = new ArrayList<>();
        String[] cities = {"athens", "lima", "oslo", "zurich"};
        for (long a = 0; a < 200; a++) {
            rows.add(ReadFixture.row(a, cities[(int) (a % 4)], a * 1.5));
        }
        f.importRows(events, "job-e", rows, 2);
        Map<String, String> leafOf = new java.util.HashMap<>();
        events.state().files().values().forEach(r -> leafOf.put(r.path(), r.partitionId()));
        Dataset<Row> all = f.read(events);

        assertThat(ReadFixture.plannedPaths(all.filter(col("account").lt(50L))).stream().map(leafOf::get)).containsExactly("p0");
        assertThat(ReadFixture.plannedPaths(all.filter(col("account").geq(100L))).stream().map(leafOf::get))
                .containsExactlyInAnyOrder("p10", "p11");
        assertThat(ReadFixture.plannedPaths(all.filter(col("city").equalTo("oslo"))).stream().map(leafOf::get))
                .containsExactlyInAnyOrder("p0", "p11");
        assertThat(ReadFixture.plannedPaths(all.filter(col("city").lt("b").and(col("account").gt(150L)))).stream()
                .map(leafOf::get)).containsExactly("p10");
        assertThat(all.filter(col("city").equalTo("oslo").and(col("account").geq(100L))).count()).isEqualTo(25);
        assertThat(all.filter(col("city").startsWith("zu")).count()).isEqualTo(50);
        assertThat(ReadFixture.plannedPaths(all.filter(col("city").startsWith("zu"))).stream().map(leafOf::get))
                .containsExactlyInAnyOrder("p0", "p11");
    }

    @Test
    void prunesStringAndByteArrayKeysInTheTablesOrder() {
        Schema strings = new Schema(List.of(new Field("id", PrimitiveType.STRING)), List.of(),
                List.of(new Field("n", PrimitiveType.INT)));
        Table s = f.table("s", strings, List.of("g", "p", "\uFF5E"));
        List<Row> rows = new ArrayList<>();
        String[] ids = {"apple", "grape", "kiwi", "pear", "zebra", "\uFF5Ex", "\uD83D\uDE00"};
        for (int i = 0; i < ids.length; i++) {
            rows.add(ReadFixture.row(ids[i], i));
        }
        f.importRows(s, "job-s", rows, 1);
        Map<String, String> leafOf = new java.util.HashMap<>();
        s.state().files().values().forEach(r -> leafOf.put(r.path(), r.partitionId()));

        Dataset<Row> emoji = f.read(s).filter(col("id").equalTo("\uD83D\uDE00"));
        assertThat(ReadFixture.plannedPaths(emoji).stream().map(leafOf::get)).containsExactly("p11");
        assertThat(emoji.collectAsList()).containsExactly(ReadFixture.row("\uD83D\uDE00", 6));
        assertThat(f.read(s).filter(col("id").between("h", "q")).collectAsList())
                .containsExactlyInAnyOrder(ReadFixture.row("kiwi", 2), ReadFixture.row("pear", 3));

        Schema bytes = new Schema(List.of(new Field("k", PrimitiveType.BYTE_ARRAY)), List.of(),
                List.of(new Field("n", PrimitiveType.INT)));
        Table b = f.table("b", bytes, List.of(new byte[]{(byte) 0x80}));
        f.importRows(b, "job-b", List.of(ReadFixture.row(new byte[]{0x01}, 1), ReadFixture.row(new byte[]{(byte) 0xFF}, 2)), 1);
        Dataset<Row> high = f.read(b).filter(col("k").geq(org.apache.spark.sql.functions.lit(new byte[]{(byte) 0x90})));
        assertThat(ReadFixture.plannedPaths(high)).hasSize(1);
        assertThat(high.select("n").collectAsList()).containsExactly(ReadFixture.row(2));
    }

    @Test
    void readsListAndMapColumns() {
        Schema nested = new Schema(List.of(new Field("key", PrimitiveType.INT)), List.of(),
                List.of(new Field("tags", new ListType(PrimitiveType.STRING)),
                        new Field("counts", new MapType(PrimitiveType.STRING, PrimitiveType.LONG))));
        Table n = f.table("n", nested, List.of(10));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(ReadFixture.row(i, scala.collection.JavaConverters.asScalaBuffer(List.of("t" + i, "x")).toSeq(),
                    scala.collection.JavaConverters.mapAsScalaMap(Map.of("c", (long) i))));
        }
        f.importRows(n, "job-n", rows, 2);

        Dataset<Row> df = f.read(n).filter(col("key").geq(15));
        assertThat(df.collectAsList()).containsExactlyInAnyOrderElementsOf(f.spark.read()
                .parquet(n.state().files().values().stream().map(FileReference::path).toArray(String[]::new))
                .filter(col("key").geq(15)).collectAsList());
        assertThat(df.count()).isEqualTo(5);
        assertThat(ReadFixture.plannedPaths(df)).hasSize(1);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
