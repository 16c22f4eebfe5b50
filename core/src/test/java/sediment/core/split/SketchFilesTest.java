package sediment.core.split;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.parquet.DataFileSchema;
import sediment.core.schema.Schema;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.TestSchemas;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where a data file's sketch is found: its footer first, then the sketch file beside it, else computed from its
 * row-key columns and stored beside it.
 */
class SketchFilesTest {
    static final Schema SCHEMA = TestSchemas.parse(TestSchemas.LONG_KEY);

    @TempDir
    Path dir;

    SketchFiles sketches() {
        return new SketchFiles(new LocalStorage(), new Configuration(), SCHEMA);
    }

    /** A data file of keys from..to-1, with these footer entries. */
    String dataFile(String name, long from, long to, Map<String, String> footer) throws IOException {
        Path file = dir.resolve(name);
        MessageType type = DataFileSchema.of(SCHEMA);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(type).withConf(new Configuration()).withExtraMetaData(footer).build()) {
            for (long k = from; k < to; k++) {
                writer.write(groups.newGroup().append("key", k).append("value", "v" + k));
            }
        }
        return LocalStorage.qualify(file);
    }

    static KeySketch sketchOfKeys(long from, long to) {
        KeySketch sketch = KeySketch.empty(SCHEMA.rowKeyTypes());
        for (long k = from; k < to; k++) {
            sketch.update(List.of(k));
        }
        return sketch;
    }

    static long median(KeySketch sketch) {
        return (Long) sketch.splitPoint(0).orElseThrow();
    }

    static Path local(String qualified) {
        return LocalStorage.toPath(qualified);
    }

    @Test
    void readsTheSketchFromTheFootersEntryAndStoresNothingBesideTheFile() throws IOException {
        String file = dataFile("a.parquet", 0, 1000, SketchFiles.footerEntry(sketchOfKeys(0, 1000)));

        SketchFiles.Found found = sketches().sketchOf(file);

        assertThat(found.computed()).isFalse();
        assertThat(found.sketch().rows()).isEqualTo(1000);
        assertThat(median(found.sketch())).isBetween(480L, 520L);
        assertThat(local(SketchFiles.sketchPath(file))).doesNotExist();
    }

    @Test
    void readsTheFootersSketchWithoutReadingADataPage() throws IOException {
        String file = dataFile("a.parquet", 0, 5000, SketchFiles.footerEntry(sketchOfKeys(0, 5000)));
        // Every byte between the magic number and the footer made garbage: the data pages cannot be read.
        long footerStart;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file),
                new Configuration()))) {
            footerStart = reader.getFooter().getBlocks().get(0).getColumns().stream()
                    .mapToLong(c -> c.getStartingPos() + c.getTotalSize()).max().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(local(file).toFile(), "rw")) {
            raf.seek(4);
            raf.write(new byte[(int) footerStart - 4]);
        }
        assertThatThrownBy(() -> sketches().compute(file)).as("the data pages are unreadable").isInstanceOf(Exception.class);

        SketchFiles.Found found = sketches().sketchOf(file);

        assertThat(found.computed()).isFalse();
        assertThat(found.sketch().rows()).isEqualTo(5000);
    }

    @Test
    void theFootersSketchComesBeforeASketchFileBesideTheFile() throws IOException {
        String file = dataFile("a.parquet", 0, 1000, SketchFiles.footerEntry(sketchOfKeys(0, 1000)));
        Files.write(local(SketchFiles.sketchPath(file)), sketchOfKeys(5000, 6000).toBytes());

        SketchFiles.Found found = sketches().sketchOf(file);

        assertThat(found.computed()).isFalse();
        assertThat(median(found.sketch())).isBetween(480L, 520L);
    }

    @Test
    void aFileWithoutAFooterEntryUsesTheSketchFileBesideIt() throws IOException {
        String file = dataFile("old.parquet", 0, 1000, Map.of());
        // A sketch that disagrees with the file's rows shows the lookup reads the sketch file, not the data.
        Files.write(local(SketchFiles.sketchPath(file)), sketchOfKeys(5000, 6000).toBytes());

        SketchFiles.Found found = sketches().sketchOf(file);

        assertThat(found.computed()).isFalse();
        assertThat(median(found.sketch())).isBetween(5480L, 5520L);
    }

    @Test
    void aFileWithNeitherIsComputedFromItsRowsOnceAndTheSketchStoredBesideIt() throws IOException {
        String file = dataFile("old.parquet", 0, 1000, Map.of());

        SketchFiles.Found first = sketches().sketchOf(file);

        assertThat(first.computed()).isTrue();
        assertThat(first.sketch().rows()).isEqualTo(1000);
        assertThat(median(first.sketch())).isBetween(480L, 520L);
        Path stored = local(SketchFiles.sketchPath(file));
        assertThat(stored).exists();
        assertThat(KeySketch.fromBytes(SCHEMA.rowKeyTypes(), Files.readAllBytes(stored)).rows()).isEqualTo(1000);

        SketchFiles.Found second = sketches().sketchOf(file);
        assertThat(second.computed()).isFalse();
        assertThat(second.sketch().rows()).isEqualTo(1000);
    }

    @Test
    void aDamagedFooterEntryCountsAsNoneSoTheSketchIsComputedAndStoredBesideTheFile() throws IOException {
        KeySketch twoFields = KeySketch.empty(TestSchemas.parse(TestSchemas.TWO_FIELD_KEY).rowKeyTypes());
        twoFields.update(List.of(1L, "x"));
        byte[] truncated = java.util.Arrays.copyOf(sketchOfKeys(0, 1000).toBytes(), 100);
        List<String> damaged = List.of("not base64!", Base64.getEncoder().encodeToString(truncated),
                Base64.getEncoder().encodeToString(new byte[]{0, 0, 0, 1, 1, 2, 3}),
                SketchFiles.footerEntry(twoFields).get(SketchFiles.FOOTER_KEY), "");
        for (int i = 0; i < damaged.size(); i++) {
            String file = dataFile("damaged-" + i + ".parquet", 0, 1000, Map.of(SketchFiles.FOOTER_KEY, damaged.get(i)));

            SketchFiles.Found found = sketches().sketchOf(file);

            assertThat(found.computed()).as("footer value %s", damaged.get(i)).isTrue();
            assertThat(found.sketch().rows()).isEqualTo(1000);
            assertThat(median(found.sketch())).isBetween(480L, 520L);
            assertThat(local(SketchFiles.sketchPath(file))).exists();
            assertThat(sketches().sketchOf(file).computed()).as("the stored sketch is read next time").isFalse();
        }
    }

    @Test
    void aDamagedSketchFileIsRecomputedAndLeftAsItIs() throws IOException {
        String file = dataFile("old.parquet", 0, 1000, Map.of());
        Path stored = local(SketchFiles.sketchPath(file));
        Files.write(stored, new byte[]{1, 2, 3});

        SketchFiles.Found found = sketches().sketchOf(file);

        assertThat(found.computed()).isTrue();
        assertThat(found.sketch().rows()).isEqualTo(1000);
        assertThat(Files.readAllBytes(stored)).containsExactly(1, 2, 3);
    }

    @Test
    void damagedBytesAreRefusedAsNotASketchWhateverTheyAre() {
        byte[] good = sketchOfKeys(0, 20_000).toBytes();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            } else {
                bytes = good.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(Math.min(bytes.length, 64))] = (byte) random.nextInt();
                }
            }
            try {
                KeySketch.fromBytes(SCHEMA.rowKeyTypes(), bytes);
            } catch (IllegalArgumentException expected) {
                // refused as damaged
            }
        }
    }

    @Test
    void aFilesSketchAddsAFewKilobytesToItsFooter() throws IOException {
        for (int rows : new int[]{2_500, 150_000}) {
            String without = dataFile("without-" + rows + ".parquet", 0, rows, Map.of());
            String with = dataFile("with-" + rows + ".parquet", 0, rows, SketchFiles.footerEntry(sketchOfKeys(0, rows)));
            long added = Files.size(local(with)) - Files.size(local(without));
            int value = SketchFiles.footerEntry(sketchOfKeys(0, rows)).get(SketchFiles.FOOTER_KEY).length();
            System.out.printf("key sketch in the footer of a file of %,d LONG keys: entry value %,d bytes, file %,d bytes larger%n",
                    rows, value, added);
            assertThat(added).as("bytes the sketch adds at %d rows", rows).isBetween(1_000L, 24_000L);
        }
    }
}
