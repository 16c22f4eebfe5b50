package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.LONG_KEY;

/** Bad input is refused before any compute, with every problem in one line, and the table exactly as it was. */
class BulkImportValidationTest {
    @TempDir
    Path dir;
    BulkImportFixture f;
    Table table;
    Path good;

    @BeforeEach
    void setUp() {
        f = new BulkImportFixture(dir);
        table = f.table("t", LONG_KEY, List.of(100L));
        good = f.writeInput("good", LONG_KEY, List.of(BulkImportFixture.row(1L, "a"), BulkImportFixture.row(150L, "b")), 1);
    }

    /** Every byte under the instance, so "unchanged" means unchanged (job status records aside). */
    Map<String, String> tableBytes() throws IOException {
        Map<String, String> bytes = new TreeMap<>();
        Path tableDir = dir.resolve("instance/tables/t");
        try (Stream<Path> files = Files.walk(tableDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                bytes.put(tableDir.relativize(p).toString(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return bytes;
    }

    void assertRejected(BulkImportJob job, String... messageParts) throws IOException {
        Map<String, String> before = tableBytes();
        assertThatThrownBy(() -> f.run(job))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").startsWith("Bulk import job " + job.id() + " rejected: ");
                    for (String part : messageParts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
        assertThat(tableBytes()).isEqualTo(before);
        JobStatus status = new JobStatusStore(f.instance).get(job.id());
        assertThat(status.state()).isEqualTo(JobStatus.State.FAILED);
        assertThat(status.reason()).contains(messageParts[0]);
    }

    @Test
    void rejectsAMissingInputFile() throws IOException {
        assertRejected(f.job("missing", "t", good, dir.resolve("nowhere.parquet")),
                "input " + dir.resolve("nowhere.parquet") + " does not exist");
    }

    @Test
    void rejectsAFileNamedParquetThatIsNotParquet() throws IOException {
        Path fake = dir.resolve("fake.parquet");
        Files.writeString(fake, "key,value\n1,a\n");
        assertRejected(f.job("fake", "t", good, fake), fake + " is not a readable Parquet file");
    }

    @Test
    void rejectsASchemaMismatchNamingTheColumnAndBothTypes() throws IOException {
        StructType wrong = DataTypes.createStructType(List.of(
                DataTypes.createStructField("key", DataTypes.IntegerType, false),
                DataTypes.createStructField("other", DataTypes.StringType, true)));
        Path input = dir.resolve("input/wrong");
        f.spark.createDataFrame(List.<Row>of(BulkImportFixture.row(1, "x")), wrong).write().parquet(input.toString());
        assertRejected(f.job("mismatch", "t", input), "column 'key' is INT32", "expected LongType",
                "column 'value' is missing");
    }

    @Test
    void rejectsAnOptionalKeyColumn() throws IOException {
        StructType nullableKey = DataTypes.createStructType(List.of(
                DataTypes.createStructField("key", DataTypes.LongType, true),
                DataTypes.createStructField("value", DataTypes.StringType, true)));
        Path input = dir.resolve("input/nullable");
        f.spark.createDataFrame(List.<Row>of(BulkImportFixture.row(1L, "x")), nullableKey).write().parquet(input.toString());
        assertRejected(f.job("optional-key", "t", input), "key column 'key' is optional; key columns must be required");
    }

    @Test
    void rejectsAnUnknownTable() throws IOException {
        assertRejected(f.job("no-table", "nope", good), "Table 'nope' does not exist", "(tables: t)");
    }

    @Test
    void rejectsAnInvalidJobIdBeforeReadingAnything() throws IOException {
        assertRejected(f.job("Not_Valid", "t", good), "job id 'Not_Valid' is not valid");
    }

    @Test
    void rejectsAnUnknownCodecOrNonPositiveSizeInTheTableOrPlatformSpec() throws IOException {
        BulkImportJob badCodec = new BulkImportJob("bad-codec", "t", List.of(good.toString()), Map.of(),
                Map.of("sleeper.table.compression.codec", "lzma"), null);
        assertRejected(badCodec, "Property sleeper.table.compression.codec must be one of uncompressed, snappy, gzip,"
                + " lz4_raw, zstd, not 'lzma'");
        BulkImportJob badPage = new BulkImportJob("bad-page", "t", List.of(good.toString()), Map.of(),
                Map.of("sleeper.table.page.size", "0"), null);
        assertRejected(badPage, "sleeper.table.page.size must be positive");
        BulkImportJob badDictionary = new BulkImportJob("bad-dictionary", "t", List.of(good.toString()), Map.of(),
                Map.of("sleeper.table.parquet.dictionary.encoding.value.fields", "yes"), null);
        assertRejected(badDictionary, "sleeper.table.parquet.dictionary.encoding.value.fields must be true or false");
    }

    @Test
    void reportsEveryProblemTogether() throws IOException {
        Path fake = dir.resolve("fake.parquet");
        Files.writeString(fake, "not parquet");
        assertRejected(f.job("several", "t", good, fake, dir.resolve("gone")), "2 problems: (1) ",
                "input " + dir.resolve("gone") + " does not exist", fake + " is not a readable Parquet file");
    }

    @Test
    void ignoresFilesThatAreNotParquetInsideInputDirectories() throws IOException {
        Files.writeString(good.resolve("README.txt"), "notes");
        BulkImportResult result = f.run(f.job("with-notes", "t", good));
        assertThat(result.rows()).isEqualTo(2);
    }
}
