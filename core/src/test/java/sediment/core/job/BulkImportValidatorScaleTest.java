package sediment.core.job;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.testutil.CountingFileSystem;
import sediment.core.testutil.CountingStorageProvider;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator's work is a small constant per input file, counted in file system calls (what each costs on an
 * object store), never timed: a directory of thousands of files is listed once, and each footer costs one open
 * and no status request of its own.
 */
class BulkImportValidatorScaleTest {

    @TempDir
    Path dir;

    private static List<Path> inputs(Path into, int copies, long from, long to) throws Exception {
        return sediment.core.testutil.LinkedParquetInputs.create(into, copies, from, to);
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
