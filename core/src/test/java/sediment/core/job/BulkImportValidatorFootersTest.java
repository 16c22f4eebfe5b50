package sediment.core.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many input files: footers are read several at a time, yet the counts add up and problems come in file order. */
class BulkImportValidatorFootersTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message row { required int64 key; optional binary value (STRING); }");
    static final int FILES = 400;

    @TempDir
    Path dir;

    private Path writeInputs(int files) throws Exception {
        Path input = dir.resolve("input");
        Files.createDirectories(input);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        for (int i = 0; i < files; i++) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input.resolve(String.format("f-%04d.parquet", i)).toUri());
            try (ParquetWriter<org.apache.parquet.example.data.Group> writer = ExampleParquetWriter.builder(path)
                    .withType(SCHEMA).withConf(new Configuration()).build()) {
                for (int r = 0; r <= i % 7; r++) {
                    writer.write(groups.newGroup().append("key", (long) r).append("value", "v"));
                }
            }
        }
        return input;
    }

    private static long expectedRows(int files) {
        long rows = 0;
        for (int i = 0; i < files; i++) {
            rows += i % 7 + 1;
        }
        return rows;
    }

    @Test
    void countsTheRowsOfEveryFile() throws Exception {
        TempInstance instance = TempInstance.create(dir);
        instance.createTable("t", TestSchemas.LONG_KEY);
        Path input = writeInputs(FILES);

        BulkImportValidator.ValidatedJob validated = BulkImportValidator.validate(instance.instance(),
                new BulkImportJob("j", "t", List.of(input.toString()), Map.of(), Map.of(), null), new Configuration());

        assertThat(validated.inputFiles()).hasSize(FILES);
        assertThat(validated.inputRows()).isEqualTo(expectedRows(FILES));
    }

    @Test
    void refusesABadMinimumLeafCountBeforeAnyWork() throws Exception {
        TempInstance instance = TempInstance.create(dir);
        instance.createTable("t", TestSchemas.LONG_KEY);
        Path input = writeInputs(1);

        assertThatThrownBy(() -> BulkImportValidator.validate(instance.instance(), new BulkImportJob("j", "t",
                List.of(input.toString()), Map.of(), Map.of("sleeper.table.bulk.import.min.leaf.partitions", "lots"), null),
                new Configuration()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Property sleeper.table.bulk.import.min.leaf.partitions must be a whole number, not 'lots'");
        assertThat(instance.instance().table("t").state().version()).isEqualTo(1);
    }

    @Test
    void reportsEveryBadFileInTheOrderOfTheFiles() throws Exception {
        TempInstance instance = TempInstance.create(dir);
        instance.createTable("t", TestSchemas.LONG_KEY);
        Path input = writeInputs(FILES);
        Files.writeString(input.resolve("f-0300.parquet"), "not parquet");
        Files.writeString(input.resolve("f-0007.parquet"), "not parquet either");
        Files.writeString(input.resolve("f-0150.parquet"), "nor this");

        assertThatThrownBy(() -> BulkImportValidator.validate(instance.instance(),
                new BulkImportJob("j", "t", List.of(input.toString()), Map.of(), Map.of(), null), new Configuration()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 problems")
                .hasMessageMatching("(?s).*\\(1\\) [^;]*f-0007\\.parquet is not a readable.*\\(2\\) [^;]*f-0150\\.parquet.*\\(3\\) [^;]*f-0300\\.parquet.*");
    }
}
