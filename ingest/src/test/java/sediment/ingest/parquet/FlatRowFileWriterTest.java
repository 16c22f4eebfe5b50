package sediment.ingest.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sediment.core.parquet.DataFileSettings;
import sediment.core.row.Row;
import sediment.core.storage.LocalStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The direct column writer writes the rows, and the file, that parquet-mr's record writer would. */
class FlatRowFileWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "codec {0}, dictionaries {1}/{2}, row group {3} bytes, page {4} bytes")
    @CsvSource({"snappy, false, false, 134217728, 1048576", "zstd, true, false, 30000, 1024", "gzip, false, true, 8192, 256",
            "uncompressed, true, true, 1000000, 4096"})
    void writesTheRowsAndLayoutOfTheRecordWriter(String codec, boolean keyDictionaries, boolean valueDictionaries,
                                                 long rowGroup, int page) throws IOException {
        DataFileSettings settings = new DataFileSettings(codec, rowGroup, page, keyDictionaries, keyDictionaries,
                valueDictionaries);
        List<Row> rows = rows(6000);
        String direct = LocalStorage.qualify(dir.resolve("direct.parquet"));
        String record = LocalStorage.qualify(dir.resolve("record.parquet"));
        try (RowFiles.RowSink w = new FlatRowFileWriter(direct, ParquetRowReaderTest.FLAT, settings, Map.of("sediment.job", "j"),
                new Configuration())) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        try (ParquetWriter<Row> w = RowFiles.writer(record, ParquetRowReaderTest.FLAT, settings, Map.of("sediment.job", "j"),
                new Configuration())) {
            for (Row r : rows) {
                w.write(r);
            }
        }

        assertThat(read(direct)).containsExactlyElementsOf(rows);
        ParquetMetadata a = footer(direct);
        ParquetMetadata b = footer(record);
        assertThat(a.getFileMetaData().getSchema()).isEqualTo(b.getFileMetaData().getSchema());
        assertThat(a.getFileMetaData().getKeyValueMetaData()).containsEntry("sediment.job", "j");
        assertThat(a.getFileMetaData().getKeyValueMetaData().keySet()).isEqualTo(b.getFileMetaData().getKeyValueMetaData().keySet());
        for (ParquetMetadata m : List.of(a, b)) {
            // Each writer's sketch of the rows' keys (0..5999), in the footer.
            sediment.core.split.KeySketch sketch = sediment.core.split.KeySketch.fromBytes(ParquetRowReaderTest.FLAT.rowKeyTypes(),
                    java.util.Base64.getDecoder().decode(m.getFileMetaData().getKeyValueMetaData()
                            .get(sediment.core.split.SketchFiles.FOOTER_KEY)));
            assertThat(sketch.rows()).isEqualTo(6000);
            assertThat((Long) sketch.splitPoint(0).orElseThrow()).isBetween(2850L, 3150L);
        }
        assertThat(a.getBlocks()).hasSameSizeAs(b.getBlocks());
        assertThat(layout(a)).isEqualTo(layout(b));
        if (rowGroup < 100_000) {
            assertThat(a.getBlocks()).as("row groups are cut at the row group size").hasSizeGreaterThan(1);
        }
    }

    @Test
    void neverOverwritesAFile() throws IOException {
        Path existing = Files.writeString(dir.resolve("taken.parquet"), "x");
        assertThatThrownBy(() -> new FlatRowFileWriter(LocalStorage.qualify(existing), ParquetRowReaderTest.FLAT,
                new DataFileSettings("snappy", 1 << 20, 1 << 16, false, false, false), Map.of(), new Configuration()))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(existing)).isEqualTo("x");
    }

    /** Per column: its codec and the encodings its pages use. */
    private static Map<String, String> layout(ParquetMetadata footer) {
        Map<String, String> layout = new TreeMap<>();
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData c : block.getColumns()) {
                Set<Encoding> encodings = c.getEncodings();
                layout.merge(c.getPath().toDotString(), c.getCodec() + " " + new java.util.TreeSet<>(encodings),
                        (x, y) -> x.equals(y) ? x : x + " | " + y);
            }
        }
        return layout;
    }

    static List<Row> rows(int n) {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = new byte[random.nextInt(5)];
            random.nextBytes(bytes);
            rows.add(Row.ofTrusted(new Object[]{(long) i, "n" + random.nextInt(20), i % 3 == 0 ? null : i,
                    i % 4 == 0 ? null : random.nextDouble(), (float) i, i % 5 == 0 ? null : i % 2 == 0, i % 6 == 0 ? null : bytes,
                    i % 7 == 0 ? null : "é\uD83D\uDE00" + i}));
        }
        return rows;
    }

    private static List<Row> read(String file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Row> reader = RowFiles.reader(file, ParquetRowReaderTest.FLAT, new Configuration())) {
            for (Row r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static ParquetMetadata footer(String file) throws IOException {
        Configuration conf = new Configuration();
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file), conf))) {
            return r.getFooter();
        }
    }
}
