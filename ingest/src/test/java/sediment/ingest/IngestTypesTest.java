package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.key.KeyText;
import sediment.core.parquet.DataFileMetadata;
import sediment.core.row.Row;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.ListType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;
import sediment.core.testutil.PythonParquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Timestamp, date and decimal columns through the standard ingest: the Java API, local runs, and other engines' files. */
class IngestTypesTest {
    static final Schema EVENTS = new Schema(List.of(new Field("at", PrimitiveType.TIMESTAMP)),
            List.of(new Field("day", PrimitiveType.DATE)),
            List.of(new Field("price", new DecimalType(9, 2)), new Field("amount", new DecimalType(18, 4)),
                    new Field("big", new DecimalType(30, 6)), new Field("stamps", new ListType(PrimitiveType.TIMESTAMP)),
                    new Field("name", PrimitiveType.STRING)));
    static final Instant SPLIT = Instant.parse("2026-11-21T00:00:00Z");

    @TempDir
    Path dir;

    static List<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        Row.Builder b = Row.builder(EVENTS);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = i % 5 == 0 ? SPLIT : SPLIT.plus(random.nextLong() % 864_000_000_000L, ChronoUnit.MICROS);
            rows.add(b.set("at", at).set("day", LocalDate.of(1960, 1, 1).plusDays(random.nextInt(30_000)))
                    .set("price", i % 3 == 0 ? null : BigDecimal.valueOf(random.nextInt(1_999_999_999) - 999_999_999, 2))
                    .set("amount", BigDecimal.valueOf(random.nextLong() % 100_000_000_000_000L, 4))
                    .set("big", new BigDecimal(new BigInteger(95, random), 6).negate())
                    .set("stamps", Arrays.asList(at, null, Instant.EPOCH)).set("name", "r" + i).build());
        }
        return rows;
    }

    @Test
    void ingestsTimestampDateAndDecimalValuesThroughSpilledRunsIntoTypedFilesWithTheirLineage() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("events", EVENTS, List.of(KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21T00:00:00Z")));
        List<Row> input = rows(500, 1);

        IngestResult result;
        try (IngestRecords ingest = IngestRecords.open(table, "typed", IngestFixture.bounds(37, 120, dir.resolve("local")),
                Map.of(), new Configuration(), IngestProgress.NONE)) {
            input.forEach(ingest::write);
            result = ingest.commit();
        }

        assertThat(result.rows()).isEqualTo(500);
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(input);
        for (FileReference file : table.state().files().values()) {
            ParquetMetadata footer = footer(Path.of(new java.net.URI(file.path())));
            assertThat(footer.getFileMetaData().getSchema().getType("at").toString())
                    .isEqualTo("required int64 at (TIMESTAMP(MICROS,true))");
            assertThat(footer.getFileMetaData().getSchema().getType("price").toString()).isEqualTo("optional int32 price (DECIMAL(9,2))");
            assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsEntry(DataFileMetadata.TABLE, "events")
                    .containsEntry(DataFileMetadata.JOB, "typed").containsEntry(DataFileMetadata.LEAF, file.partitionId())
                    .containsEntry(DataFileMetadata.SORTING_COLUMNS, "at,day").containsKey(DataFileMetadata.REGION);
        }
    }

    @Test
    void refusesValuesTheTypesCannotHoldExactly() {
        Row.Builder b = Row.builder(EVENTS);
        assertThatThrownBy(() -> b.set("at", Instant.parse("2026-11-21T00:00:00.000000001Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Field 'at': 2026-11-21T00:00:00.000000001Z has a fraction of a microsecond;"
                        + " TimestampType holds whole microseconds");
        assertThatThrownBy(() -> b.set("price", new BigDecimal("1.005")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Field 'price' is DecimalType(9,2); 1.005 does not fit it without rounding (at most 9 digits, 2 after the point)");
        assertThatThrownBy(() -> b.set("price", new BigDecimal("12345678.9")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Field 'price' is DecimalType(9,2); 12345678.9 does not fit it without rounding (at most 9 digits, 2 after the point)");
        assertThat(b.set("price", new BigDecimal("1.5")).set("at", SPLIT).set("day", LocalDate.EPOCH).build().get(2))
                .isEqualTo(new BigDecimal("1.50"));
    }

    /** pyarrow, no statistics: timestamps as INT96 (Spark's default), as MILLIS and as MICROS; decimals in every encoding. */
    static final String PYARROW_WRITE = """
            import sys, datetime, decimal
            import pyarrow as pa, pyarrow.parquet as pq
            utc = datetime.timezone.utc
            at = [datetime.datetime(2026, 11, 20, 23, 59, 59, 999000, tzinfo=utc), datetime.datetime(2026, 11, 21, 8, tzinfo=utc)]
            day = [datetime.date(2026, 11, 20), None if sys.argv[3] == 'null' else datetime.date(1900, 1, 1)]
            table = pa.table({
                'at': pa.array(at, pa.timestamp('us', tz='UTC')),
                'day': pa.array(day, pa.date32()),
                'price': pa.array([decimal.Decimal('1.25'), None], pa.decimal128(9, 2)),
                'amount': pa.array([decimal.Decimal('-5.0001'), decimal.Decimal('0.0000')], pa.decimal128(18, 4)),
                'big': pa.array([None, decimal.Decimal('-123456789012345678901234.000001')], pa.decimal128(30, 6)),
                'stamps': pa.array([[at[0], None], []], pa.list_(pa.timestamp('us', tz='UTC'))),
                'name': pa.array(['a', 'b']),
            })
            options = {'int96': dict(use_deprecated_int96_timestamps=True), 'ms': dict(coerce_timestamps='ms'),
                       'us': dict(coerce_timestamps='us')}[sys.argv[2]]
            pq.write_table(table, sys.argv[1], write_statistics=False, store_decimal_as_integer=sys.argv[2] == 'us', **options)
            """;

    static List<Row> pyarrowRows() {
        Row.Builder b = Row.builder(EVENTS);
        Instant first = Instant.parse("2026-11-20T23:59:59.999Z");
        return List.of(
                b.set("at", first).set("day", LocalDate.of(2026, 11, 20)).set("price", new BigDecimal("1.25"))
                        .set("amount", new BigDecimal("-5.0001")).set("stamps", Arrays.asList(first, null)).set("name", "a").build(),
                b.set("at", Instant.parse("2026-11-21T08:00:00Z")).set("day", LocalDate.of(1900, 1, 1))
                        .set("amount", new BigDecimal("0.0000")).set("big", new BigDecimal("-123456789012345678901234.000001"))
                        .set("stamps", List.of()).set("name", "b").build());
    }

    @Test
    void ingestsPyarrowFilesWithInt96MillisAndMicrosTimestampsAndNoStatistics() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("events", EVENTS, List.of(SPLIT));
        List<String> files = new ArrayList<>();
        for (String kind : List.of("int96", "ms", "us")) {
            Path file = dir.resolve("input/" + kind + ".parquet");
            Files.createDirectories(file.getParent());
            PythonParquet.run(PYARROW_WRITE, file.toString(), kind, "full");
            files.add(file.toString());
        }
        assertThat(footer(Path.of(files.get(0))).getFileMetaData().getSchema().getType("at").toString())
                .isEqualTo("optional int96 at");

        IngestJobRunner.Outcome outcome = new IngestJobRunner(f.instance, new Configuration())
                .run(new BulkImportJob("pyarrow", "events", files, Map.of(), Map.of(), null), "test", IngestProgress.NONE);

        assertThat(outcome.result().rows()).isEqualTo(6);
        List<Row> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.addAll(pyarrowRows());
        }
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void failsAFileWhoseKeyHoldsANullTheFooterCouldNotShowCommittingNothing() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("events", EVENTS, List.of(SPLIT));
        Path file = dir.resolve("input/null.parquet");
        Files.createDirectories(file.getParent());
        PythonParquet.run(PYARROW_WRITE, file.toString(), "us", "null");
        long before = table.state().version();

        assertThatThrownBy(() -> new IngestJobRunner(f.instance, new Configuration())
                .run(new BulkImportJob("null-key", "events", List.of(file.toString()), Map.of(), Map.of(), null), "test",
                        IngestProgress.NONE))
                .isInstanceOf(SedimentException.class)
                .hasMessage("Ingest job null-key failed; nothing was committed: file:" + file + ": key column 'day' holds a null;"
                        + " key columns cannot be null");
        assertThat(table.state().version()).isEqualTo(before);
        assertThat(table.state().files()).isEmpty();
    }

    private static ParquetMetadata footer(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter();
        }
    }
}
