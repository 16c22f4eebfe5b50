package sediment.ingest.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.parquet.DataFileSettings;
import sediment.core.row.Row;
import sediment.core.schema.Field;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.storage.LocalStorage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The page-streaming reader gives exactly the rows parquet-mr's record reader gives, in the same order. */
class ParquetRowReaderTest {
    @TempDir
    Path dir;

    static final Schema FLAT = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(new Field("name", PrimitiveType.STRING)),
            List.of(new Field("i", PrimitiveType.INT), new Field("d", PrimitiveType.DOUBLE), new Field("f", PrimitiveType.FLOAT),
                    new Field("b", PrimitiveType.BOOLEAN), new Field("bytes", PrimitiveType.BYTE_ARRAY),
                    new Field("s", PrimitiveType.STRING)));
    static final Schema NESTED = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("tags", new ListType(PrimitiveType.STRING)),
                    new Field("counts", new MapType(PrimitiveType.STRING, PrimitiveType.LONG)), new Field("s", PrimitiveType.STRING)));

    @ParameterizedTest(name = "codec {0}, dictionaries {1}, row group {2} bytes, page {3} bytes")
    @CsvSource({"snappy, false, 134217728, 1048576", "zstd, true, 20000, 512", "uncompressed, true, 4096, 64",
            "gzip, false, 100000, 1000"})
    void readsFlatRowsAsParquetMrDoes(String codec, boolean dictionaries, long rowGroup, int page) throws IOException {
        Random random = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[random.nextInt(5)];
            random.nextBytes(bytes);
            rows.add(Row.ofTrusted(new Object[]{random.nextLong(), "n" + random.nextInt(20), i % 3 == 0 ? null : i,
                    i % 4 == 0 ? null : random.nextDouble(), (float) i, i % 5 == 0 ? null : i % 2 == 0, i % 6 == 0 ? null : bytes,
                    i % 7 == 0 ? null : "é\uD83D\uDE00" + i}));
        }
        String file = write(FLAT, rows, new DataFileSettings(codec, rowGroup, page, dictionaries, dictionaries, dictionaries));

        assertThat(readStreaming(FLAT, file)).usingElementComparator(ParquetRowReaderTest::compareRows)
                .containsExactlyElementsOf(readWithParquetMr(FLAT, file));
        assertThat(readStreaming(FLAT, file)).hasSize(5000);
    }

    @Test
    void readsListsAndMapsAcrossSmallPagesAndRowGroups() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Map<String, Long> counts = new HashMap<>();
            for (int k = 0; k < i % 4; k++) {
                counts.put("c" + k, k == 2 ? null : (long) i * k);
            }
            rows.add(Row.ofTrusted(new Object[]{(long) i, i % 5 == 0 ? null : Arrays.asList("t" + i, null, "u"),
                    i % 3 == 0 ? null : counts, "s" + i}));
        }
        String file = write(NESTED, rows, new DataFileSettings("snappy", 8192, 256, true, true, true));

        List<Row> streamed = readStreaming(NESTED, file);

        assertThat(streamed).containsExactlyElementsOf(readWithParquetMr(NESTED, file));
        assertThat(streamed).hasSize(3000);
    }

    @Test
    void readsVersion2DataPagesAndColumnsInAnotherOrderThanTheTables() throws IOException {
        MessageType fileSchema = MessageTypeParser.parseMessageType("message m { optional binary extra (UTF8); "
                + "optional double d; required binary name (UTF8); optional int32 i; required int64 key; }");
        Schema table = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(new Field("name", PrimitiveType.STRING)),
                List.of(new Field("i", PrimitiveType.INT), new Field("d", PrimitiveType.DOUBLE)));
        Path file = dir.resolve("v2.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(fileSchema);
        List<Row> expected = new ArrayList<>();
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri())).withType(fileSchema)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withPageSize(300).withRowGroupSize(10_000).withDictionaryEncoding(true).build()) {
            for (int i = 0; i < 2000; i++) {
                Group g = groups.newGroup().append("extra", "x" + i).append("name", "n" + (i % 10)).append("key", (long) -i);
                if (i % 3 != 0) {
                    g.append("d", i / 4.0);
                }
                if (i % 2 != 0) {
                    g.append("i", i);
                }
                w.write(g);
                expected.add(Row.ofTrusted(new Object[]{(long) -i, "n" + (i % 10), i % 2 != 0 ? i : null, i % 3 != 0 ? i / 4.0 : null}));
            }
        }

        assertThat(readStreaming(table, LocalStorage.qualify(file))).containsExactlyElementsOf(expected);
    }

    private String write(Schema schema, List<Row> rows, DataFileSettings settings) throws IOException {
        Path file = dir.resolve("in-" + System.nanoTime() + ".parquet");
        try (ParquetWriter<Row> w = RowFiles.writer(LocalStorage.qualify(file), schema, settings, Map.of(), new Configuration())) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        return LocalStorage.qualify(file);
    }

    private static List<Row> readStreaming(Schema schema, String file) throws IOException {
        Configuration conf = new Configuration();
        List<Row> rows = new ArrayList<>();
        new ParquetRowReader(schema, conf).read(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file), conf), rows::add);
        return rows;
    }

    private static List<Row> readWithParquetMr(Schema schema, String file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Row> reader = RowFiles.reader(file, schema, new Configuration())) {
            for (Row r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static int compareRows(Row a, Row b) {
        return a.equals(b) ? 0 : 1;
    }
}
