package sediment.core.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.testutil.CountingFileSystem;
import sediment.core.testutil.CountingStorageProvider;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator's work is a small constant per input file, counted in file system calls (what each costs on an
 * object store), never timed: a directory of thousands of files is listed once, and each footer costs one open
 * and no status request of its own.
 */
class BulkImportValidatorScaleTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message row { required int64 key; optional binary value (STRING); }");

    @TempDir
    Path dir;

    /** One small Parquet file of the table's schema with keys {@code from..to}, linked {@code copies} times into {@code into}. */
    private static List<Path> inputs(Path into, int copies, long from, long to) throws Exception {
        Files.createDirectories(into);
        List<Path> out = new ArrayList<>(copies);
        Path original = null;
        for (int i = 0; i < copies; i++) {
            if (i % LINKS_PER_FILE == 0) {
                original = into.resolveSibling(into.getFileName() + "-original-" + i + ".parquet");
                write(original, from, to);
            }
            // Hard links: 100,000 inputs for the cost of a few files' bytes.
            Path link = into.resolve(String.format("part-%06d.parquet", i));
            Files.createLink(link, original);
            out.add(link);
        }
        return out;
    }

    /** A file system allows only so many links to one file (ext4: 65,000). */
    private static final int LINKS_PER_FILE = 10_000;

    static void write(Path file, long from, long to) throws java.io.IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<org.apache.parquet.example.data.Group> writer = ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(file.toUri())).withType(SCHEMA).withConf(new Configuration()).build()) {
            for (long k = from; k <= to; k++) {
                writer.write(groups.newGroup().append("key", k).append("value", "v" + k));
            }
        }
    }

    private static Configuration conf() {
        return CountingFileSystem.register(new Configuration());
    }

    @Test
    void aDirectoryOfManyFilesIsListedOnceAndEachFooterCostsOneOpen() throws Exception {
        // 20,000 here; bulk-import's BulkImportScaleTest validates and plans 100,000.
        int files = 20_000;
        Path input = dir.resolve("input");
        inputs(input, files, 1, 3);
        Files.writeString(input.resolve("_SUCCESS"), "");
        Instance instance = Instance.init(CountingFileSystem.path(dir.resolve("instance")), null);
        instance.createTable("t", sediment.core.testutil.TestSchemas.parse(TestSchemas.LONG_KEY), List.of(), Map.of());
        BulkImportJob job = new BulkImportJob("j", "t", List.of(CountingFileSystem.path(input)), Map.of(), Map.of(), null);
        Configuration conf = conf();
        CountingFileSystem.reset();
        CountingStorageProvider.reset();

        long start = System.nanoTime();
        BulkImportValidator.ValidatedJob validated = BulkImportValidator.validate(instance, job, conf);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Long> counts = CountingFileSystem.counts(c -> true);
        System.out.printf("validating %,d input files: %.1f s; file system calls %s; storage calls %d%n", files, seconds, counts,
                CountingStorageProvider.calls().size());
        assertThat(validated.inputFiles()).hasSize(files);
        assertThat(validated.inputRows()).isEqualTo(3L * files);
        assertThat(CountingFileSystem.count("open", c -> true)).isEqualTo(files);
        // The listed location itself, once; none per file.
        assertThat(CountingFileSystem.count("getFileStatus", c -> true)).isEqualTo(1);
        assertThat(CountingFileSystem.count("listStatus", c -> true)).isEqualTo(1);
        assertThat(counts.keySet()).containsOnly("open", "getFileStatus", "listStatus", "getFileBlockLocations");
        // Reading the table's state does not depend on the input.
        assertThat(CountingStorageProvider.calls().size()).isLessThan(20);
    }

    @Test
    void filesNamedOneByOneCostOneStatusAndOneOpenEach() throws Exception {
        int files = 2_000;
        List<Path> listed = inputs(dir.resolve("input"), files, 1, 3);
        Instance instance = Instance.init(dir.resolve("instance").toString(), null);
        instance.createTable("t", sediment.core.testutil.TestSchemas.parse(TestSchemas.LONG_KEY), List.of(), Map.of());
        BulkImportJob job = new BulkImportJob("j", "t", listed.stream().map(CountingFileSystem::path).toList(), Map.of(), Map.of(),
                null);
        Configuration conf = conf();
        CountingFileSystem.reset();

        BulkImportValidator.ValidatedJob validated = BulkImportValidator.validate(instance, job, conf);

        System.out.printf("validating %,d input files named one by one: file system calls %s%n", files,
                CountingFileSystem.counts(c -> true));
        assertThat(validated.inputFiles()).hasSize(files);
        assertThat(CountingFileSystem.count("getFileStatus", c -> true)).isEqualTo(files);
        assertThat(CountingFileSystem.count("open", c -> true)).isEqualTo(files);
        assertThat(CountingFileSystem.count("listStatus", c -> true)).isZero();
    }
}
