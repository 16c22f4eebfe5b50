package sediment.spark.bulkimport;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Table;
import sediment.core.key.KeyOrdering;
import sediment.core.key.KeyText;
import sediment.core.parquet.DataFileMetadata;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;
import sediment.core.table.TableDescription;
import sediment.core.table.TableState;
import sediment.core.testutil.PythonParquet;
import sediment.spark.SparkSchemas;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Timestamp, date and decimal columns end to end, from the files users have: Spark's default writer
 * (every column optional, timestamps as INT96), pyarrow (here without statistics) and DuckDB; and the
 * same rows as a Dataset through {@link DatasetBulkImport}.
 */
class TypesAndRealInputTest {
    /** A timestamp row key, a date sort key, decimals of both physical sizes and a string. */
    static final Schema EVENTS = new Schema(List.of(new Field("at", PrimitiveType.TIMESTAMP)),
            List.of(new Field("day", PrimitiveType.DATE)),
            List.of(new Field("price", new DecimalType(18, 4)), new Field("big", new DecimalType(30, 6)),
                    new Field("name", PrimitiveType.STRING)));
    static final Instant SPLIT = Instant.parse("2026-11-21T00:00:00Z");

    @TempDir
    Path dir;
    BulkImportFixture f;
    Table table;
    String java8Api;

    @BeforeEach
    void setUp() {
        f = new BulkImportFixture(dir);
        table = f.table("events", EVENTS, List.of(KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21T00:00:00Z")));
        // Read back as Instant and LocalDate, the values core holds, rather than java.sql types.
        java8Api = f.spark.conf().get("spark.sql.datetime.java8API.enabled");
        f.spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
    }

    @AfterEach
    void restore() {
        f.spark.conf().set("spark.sql.datetime.java8API.enabled", java8Api);
    }

    /** Rows on both sides of the split, with equal timestamps (so the date decides), before 1970 and to the microsecond. */
    static List<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = SPLIT.plus(random.nextLong() % 864_000_000_000L, java.time.temporal.ChronoUnit.MICROS);
            if (i % 7 == 0) {
                at = SPLIT;
            }
            if (i % 11 == 0) {
                at = Instant.parse("1969-07-20T20:17:40.000001Z");
            }
            LocalDate day = LocalDate.of(2026, 11, 1).plusDays(random.nextInt(40) - 20);
            BigDecimal price = BigDecimal.valueOf(random.nextLong() % 100_000_000_000_000L, 4);
            BigDecimal big = new BigDecimal(new java.math.BigInteger(90, random), 6).negate();
            rows.add(BulkImportFixture.row(at, day, price, big, "r" + i));
        }
        return rows;
    }

    /** As Spark writes a DataFrame read from anywhere: every column nullable. */
    static StructType nullable(Schema schema) {
        StructType strict = SparkSchemas.structType(schema);
        return DataTypes.createStructType(Arrays.stream(strict.fields())
                .map(s -> DataTypes.createStructField(s.name(), s.dataType(), true)).toArray(StructField[]::new));
    }

    @Test
    void importsSparksDefaultFilesWithTimestampDateAndDecimalColumns() throws Exception {
        List<Row> input = rows(300, 1);
        Path files = dir.resolve("input/spark");
        f.spark.createDataFrame(input, nullable(EVENTS)).repartition(3).write().parquet(files.toString());
        MessageType written = footer(firstParquet(files)).getFileMetaData().getSchema();
        assertThat(written.getType("at").asPrimitiveType().getPrimitiveTypeName().name()).isEqualTo("INT96");
        assertThat(written.getType("at").getRepetition().name()).isEqualTo("OPTIONAL");

        BulkImportResult result = f.run(f.job("spark-types", "events", files));

        assertThat(result.rows()).isEqualTo(300);
        assertThat(readCommitted()).containsExactlyInAnyOrderElementsOf(values(input));
        assertDataFilesAreTyped("spark-types");
        JsonNode described = TableDescription.json(table.state());
        assertThat(described.get("schema").get("rowKeyFields").get(0).get("type").asText()).isEqualTo("TimestampType");
        assertThat(described.get("schema").get("valueFields").get(1).get("type").toString())
                .isEqualTo("{\"DecimalType\":{\"precision\":30,\"scale\":6}}");
        List<String> regionBounds = new ArrayList<>();
        described.get("partitions").forEach(p -> regionBounds.add(p.get("region").get("at").get("min").asText()));
        assertThat(regionBounds).contains("2026-11-21T00:00:00Z");
        Instant lowest = input.stream().map(r -> (Instant) r.get(0)).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(described.get("files").findValues("minRowKey").stream().map(k -> k.get("at").asText()))
                .contains(lowest.toString());
    }

    @Test
    void refusesASparkFileWhoseStatisticsCountNullsInAKeyColumn() {
        List<Row> input = new ArrayList<>(rows(5, 2));
        input.add(BulkImportFixture.row(null, LocalDate.of(2026, 11, 21), BigDecimal.ONE.setScale(4), null, "no time"));
        Path files = dir.resolve("input/nulls");
        f.spark.createDataFrame(input, nullable(EVENTS)).coalesce(1).write().parquet(files.toString());
        long before = table.state().version();

        assertThatThrownBy(() -> f.run(f.job("spark-nulls", "events", files)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Bulk import job spark-nulls rejected: file:")
                .hasMessageContaining(": key column 'at' holds 1 null; key columns cannot be null")
                .hasMessageNotContaining("\n");
        assertThat(table.state().version()).isEqualTo(before);
    }

    static final String PYARROW_WRITE = """
            import sys, datetime, decimal
            import pyarrow as pa, pyarrow.parquet as pq
            null_day = sys.argv[2] == 'null'
            utc = datetime.timezone.utc
            at = [datetime.datetime(2026, 11, 20, 23, 59, 59, 999999, tzinfo=utc), datetime.datetime(2026, 11, 21, tzinfo=utc),
                  datetime.datetime(1969, 7, 20, 20, 17, 40, 1, tzinfo=utc)]
            day = [datetime.date(2026, 11, 20), None if null_day else datetime.date(2026, 11, 21), datetime.date(1969, 7, 20)]
            table = pa.table({
                'name': pa.array(['a', 'b', 'c']),
                'at': pa.array(at, pa.timestamp('us', tz='UTC')),
                'day': pa.array(day, pa.date32()),
                'price': pa.array([decimal.Decimal('1.2500'), decimal.Decimal('-99999999999999.9999'), None], pa.decimal128(18, 4)),
                'big': pa.array([decimal.Decimal('123456789012345678901234.123456'), None, decimal.Decimal('-0.000001')],
                                pa.decimal128(30, 6)),
            })
            pq.write_table(table, sys.argv[1], write_statistics=False)
            """;

    static List<List<Object>> pyarrowRows() {
        return List.of(
                List.of(Instant.parse("2026-11-20T23:59:59.999999Z"), LocalDate.of(2026, 11, 20), new BigDecimal("1.2500"),
                        new BigDecimal("123456789012345678901234.123456"), "a"),
                Arrays.asList(Instant.parse("2026-11-21T00:00:00Z"), LocalDate.of(2026, 11, 21),
                        new BigDecimal("-99999999999999.9999"), null, "b"),
                Arrays.asList(Instant.parse("1969-07-20T20:17:40.000001Z"), LocalDate.of(1969, 7, 20), null,
                        new BigDecimal("-0.000001"), "c"));
    }

    @Test
    void importsPyarrowFilesWithoutStatisticsCheckingKeysAsItReads() throws Exception {
        Path file = dir.resolve("input/pyarrow.parquet");
        Files.createDirectories(file.getParent());
        PythonParquet.run(PYARROW_WRITE, file.toString(), "full");
        assertThat(footer(file).getBlocks().get(0).getColumns().stream().allMatch(c -> c.getStatistics().isEmpty()
                && !c.getStatistics().isNumNullsSet())).as("pyarrow wrote no statistics").isTrue();

        BulkImportResult result = f.run(f.job("pyarrow", "events", file));

        assertThat(result.rows()).isEqualTo(3);
        assertThat(readCommitted()).containsExactlyInAnyOrderElementsOf(pyarrowRows());
    }

    @Test
    void failsAPyarrowFileWithANullKeyFoundOnlyByReadingNamingTheFileAndColumn() throws Exception {
        Path file = dir.resolve("input/pyarrow-null.parquet");
        Files.createDirectories(file.getParent());
        PythonParquet.run(PYARROW_WRITE, file.toString(), "null");
        long before = table.state().version();

        Throwable thrown = catchThrowable(() -> f.run(f.job("pyarrow-null", "events", file)));

        assertThat(thrown).isInstanceOf(SedimentException.class);
        assertThat(thrown.getMessage()).isEqualTo("Bulk import job pyarrow-null failed; nothing was committed: file://" + file
                + ": key column 'day' holds a null; key columns cannot be null");
        assertThat(table.state().version()).isEqualTo(before);
        assertThat(table.state().files()).isEmpty();
        try (var leftovers = Files.walk(dir.resolve("instance"))) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".parquet")).toList()).isEmpty();
        }
    }

    static final String DUCKDB_WRITE = """
            import sys, duckdb
            ts = 'TIMESTAMPTZ' if sys.argv[2] == 'utc' else 'TIMESTAMP'
            duckdb.sql("SET TimeZone = 'UTC'")
            duckdb.sql(f'''COPY (SELECT "t"::{ts} AS "at", "d" AS "day", "p"::DECIMAL(18,4) AS "price",
                  "b"::DECIMAL(30,6) AS "big", "n" AS "name" FROM
                (VALUES (TIMESTAMP '2026-11-21 10:15:30.123456', DATE '2026-11-21', 12.5, 1.000001, 'x'),
                        (TIMESTAMP '2026-11-01 00:00:00', DATE '2026-11-01', -0.0001, NULL, 'y')) AS v("t", "d", "p", "b", "n"))
              TO '{sys.argv[1]}' (FORMAT PARQUET)''')
            """;

    @Test
    void importsDuckDbFilesWithUtcTimestampsAndRefusesLocalOnesSayingWhy() throws Exception {
        Path utc = dir.resolve("input/duckdb-utc.parquet");
        Path local = dir.resolve("input/duckdb-local.parquet");
        Files.createDirectories(utc.getParent());
        PythonParquet.run(DUCKDB_WRITE, utc.toString(), "utc");
        PythonParquet.run(DUCKDB_WRITE, local.toString(), "local");

        BulkImportResult result = f.run(f.job("duckdb", "events", utc));

        assertThat(result.rows()).isEqualTo(2);
        assertThat(readCommitted()).containsExactlyInAnyOrder(
                List.of(Instant.parse("2026-11-21T10:15:30.123456Z"), LocalDate.of(2026, 11, 21), new BigDecimal("12.5000"),
                        new BigDecimal("1.000001"), "x"),
                Arrays.asList(Instant.parse("2026-11-01T00:00:00Z"), LocalDate.of(2026, 11, 1), new BigDecimal("-0.0001"), null, "y"));
        assertThatThrownBy(() -> f.run(f.job("duckdb-local", "events", local)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column 'at' is INT64 (TIMESTAMP(MICROS,false)), expected TimestampType (the file's timestamps"
                        + " are local date-times with no time zone");
    }

    @Test
    void importsADatasetAsAFileImportWouldAndReplaysAsANoOp() throws Exception {
        List<Row> input = rows(200, 3);
        Dataset<Row> rows = f.spark.createDataFrame(input, nullable(EVENTS)).repartition(2);
        DatasetBulkImport importer = new DatasetBulkImport(f.spark, f.instance);

        BulkImportResult first = importer.importRows("from-dataset", "events", rows);
        long version = table.state().version();
        BulkImportResult again = importer.importRows("from-dataset", "events", rows);

        assertThat(first.rows()).isEqualTo(200);
        assertThat(first.alreadyCommitted()).isFalse();
        assertThat(again.alreadyCommitted()).isTrue();
        assertThat(table.state().version()).isEqualTo(version);
        assertThat(readCommitted()).containsExactlyInAnyOrderElementsOf(values(input));
        assertDataFilesAreTyped("from-dataset");
    }

    @Test
    void importsADatasetIntoATableWithFewerLeavesThanThePreSplitMinimumAsItIs() {
        Table small = f.instance.createTable("few-leaves", EVENTS, List.of(), Map.of());
        List<Row> input = rows(50, 2);

        BulkImportResult result = new DatasetBulkImport(f.spark, f.instance)
                .importRows("dataset-few-leaves", "few-leaves", f.spark.createDataFrame(input, nullable(EVENTS)));

        assertThat(result.rows()).isEqualTo(50);
        assertThat(small.state().partitions().leaves()).as("a Dataset import does not pre-split").hasSize(1);
        assertThat(small.state().totalRows()).isEqualTo(50);
    }

    @Test
    void refusesADatasetOfTheWrongSchemaInOneLineLeavingTheTableAsItWas() {
        StructType wrong = DataTypes.createStructType(List.of(
                DataTypes.createStructField("at", DataTypes.StringType, true),
                DataTypes.createStructField("day", DataTypes.DateType, true),
                DataTypes.createStructField("price", DataTypes.createDecimalType(10, 2), true),
                DataTypes.createStructField("name", DataTypes.StringType, true)));
        Dataset<Row> rows = f.spark.createDataFrame(List.of(BulkImportFixture.row("2026-11-21", LocalDate.of(2026, 11, 21),
                BigDecimal.ONE.setScale(2), "n")), wrong);
        long before = table.state().version();

        assertThatThrownBy(() -> new DatasetBulkImport(f.spark, f.instance).importRows("bad-dataset", "events", rows))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Bulk import job bad-dataset rejected: 3 problems: (1) Dataset: column 'at' is string, expected"
                        + " TimestampType; (2) Dataset: column 'price' is decimal(10,2), expected DecimalType(18,4);"
                        + " (3) Dataset: column 'big' is missing");
        assertThat(table.state().version()).isEqualTo(before);
    }

    @Test
    void failsADatasetWithANullKeyCommittingNothing() {
        List<Row> input = new ArrayList<>(rows(20, 4));
        input.add(BulkImportFixture.row(SPLIT, null, null, null, "no day"));
        Dataset<Row> rows = f.spark.createDataFrame(input, nullable(EVENTS));
        long before = table.state().version();

        assertThatThrownBy(() -> new DatasetBulkImport(f.spark, f.instance).importRows("null-dataset", "events", rows))
                .isInstanceOf(SedimentException.class)
                .hasMessage("Bulk import job null-dataset failed; nothing was committed: Dataset: key column 'day' holds a null;"
                        + " key columns cannot be null");
        assertThat(table.state().version()).isEqualTo(before);
    }

    /** Every committed file: sorted by (at, day), inside its leaf, typed as the table says, with its lineage in the footer. */
    private void assertDataFilesAreTyped(String jobId) throws Exception {
        TableState state = table.state();
        for (FileReference file : state.files().values()) {
            ParquetMetadata footer = footer(Path.of(new java.net.URI(file.path())));
            MessageType schema = footer.getFileMetaData().getSchema();
            assertThat(schema.getType("at").toString()).isEqualTo("required int64 at (TIMESTAMP(MICROS,true))");
            assertThat(schema.getType("day").toString()).isEqualTo("required int32 day (DATE)");
            assertThat(schema.getType("price").toString()).isEqualTo("optional int64 price (DECIMAL(18,4))");
            assertThat(schema.getType("big").toString()).isEqualTo("optional fixed_len_byte_array(13) big (DECIMAL(30,6))");
            Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
            assertThat(kv).containsEntry(DataFileMetadata.TABLE, "events").containsEntry(DataFileMetadata.LEAF, file.partitionId())
                    .containsEntry(DataFileMetadata.JOB, jobId).containsEntry(DataFileMetadata.SORTING_COLUMNS, "at,day")
                    .containsKey(DataFileMetadata.RUN);
            String region = kv.get(DataFileMetadata.REGION);
            assertThat(region).contains("\"field\":\"at\"").contains("\"2026-11-21T00:00:00Z\"");
        }
    }

    /** The committed rows, each file checked for key order. */
    private List<List<Object>> readCommitted() {
        List<List<Object>> all = new ArrayList<>();
        for (FileReference file : table.state().files().values()) {
            List<List<Object>> rows = values(f.spark.read().parquet(file.path()).collectAsList());
            for (int i = 1; i < rows.size(); i++) {
                List<Object> a = rows.get(i - 1);
                List<Object> b = rows.get(i);
                int c = KeyOrdering.compareKeys(List.of(PrimitiveType.TIMESTAMP, PrimitiveType.DATE), a.subList(0, 2), b.subList(0, 2));
                assertThat(c).as("rows in key order in %s", file.path()).isLessThanOrEqualTo(0);
            }
            all.addAll(rows);
        }
        return all;
    }

    private static List<List<Object>> values(List<Row> rows) {
        return rows.stream().map(r -> {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                v.add(r.get(i));
            }
            return v;
        }).toList();
    }

    private static Path firstParquet(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
    }

    private static ParquetMetadata footer(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter();
        }
    }
}
