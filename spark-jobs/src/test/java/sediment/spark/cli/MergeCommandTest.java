package sediment.spark.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sediment.core.error.InvalidInputException;
import sediment.core.merge.MergeLayout;
import sediment.core.storage.LocalStorage;
import sediment.spark.TestSpark;
import sediment.spark.merge.MergeMain;
import sediment.spark.merge.MergeResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as a user runs them: generate sample data, merge it, remerge it, run a job spec. */
class MergeCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, Exception error) {
    }

    Run run(Callable<Integer> command, String... args) {
        TestSpark.session();
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        Exception[] error = new Exception[1];
        CommandLine cli = new CommandLine(command);
        cli.setOut(writer);
        cli.setExecutionExceptionHandler((e, c, p) -> {
            error[0] = e;
            return 1;
        });
        int code = cli.execute(args);
        return new Run(code, out.toString(), error[0]);
    }

    String db() {
        return dir.resolve("db").toString();
    }

    @Test
    void shouldRecoverOnlyWhenAskedAndSayWhenThereIsNothingToDo() {
        Run nothing = run(new MergeCommand(), "--recover", "Market", "Trades", "2024-01-02", "--db", db());
        assertThat(nothing.code()).as(String.valueOf(nothing.error())).isZero();
        assertThat(nothing.out()).isEqualTo("Nothing to recover for Market.Trades partition 2024-01-02: no merge of it was interrupted\n");
        Run missing = run(new MergeCommand(), "--recover", "Market", "Trades", "--db", db());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.error()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Give --recover NAMESPACE TABLE PARTITION_VALUE");
        Run options = run(new MergeCommand(), "--recover", "Market", "Trades", "2024-01-02", "force=true", "--db", db());
        assertThat(options.code()).isEqualTo(1);
    }

    @Test
    void shouldGenerateMergeAndRemergeFromTheCommandLine() throws Exception {
        Run gen = run(new GenerateIntradayCommand(), "Market", "Trades", "2024-01-02", "--rows", "3000", "--symbols", "50",
                "--files", "3", "--writable-partitions", "2", "--db", db());
        assertThat(gen.error()).isNull();
        assertThat(gen.out()).contains("Wrote table definition ").contains("Wrote 3,000 rows of intraday data in 3 files to ")
                .contains("sediment merge Market Trades 2024-01-02 sortColumn=Timestamp --db " + db());
        MergeLayout layout = MergeLayout.at(db());
        assertThat(LocalStorage.toPath(layout.intradayDir("Market", "Trades", "2024-01-02")).resolve("part-00002.parquet")).exists();

        Run merge = run(new MergeCommand(), "Market", "Trades", "2024-01-02", "sortColumn=Timestamp", "codec=ZSTD",
                "lowHeapUsage=true", "--db", db());
        assertThat(merge.error()).isNull();
        assertThat(merge.out()).startsWith("Merged Market.Trades partition 2024-01-02: 3,000 rows from 3 intraday files in ")
                .contains("ZSTD, low heap usage")
                .contains("/Systems/Market/Partitions/0/2024-01-02/Trades/table.parquet")
                .contains("Validation passed: 3,000 rows");
        Path file = LocalStorage.toPath(layout.destinationFile("Market", 0, "2024-01-02", "Trades"));
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()),
                new Configuration()))) {
            assertThat(r.getFooter().getBlocks().get(0).getColumns().get(0).getCodec()).isEqualTo(CompressionCodecName.ZSTD);
        }

        Run again = run(new MergeCommand(), "Market", "Trades", "2024-01-02", "--db", db());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.error()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("historical data already exists").hasMessageNotContaining("\n");

        Run remerge = run(new RemergeCommand(), "Market", "Trades", "Archive", "Trades", "2024-01-02", "tableDef="
                + layout.schemaFile("Market", "Trades"), "--db", db());
        assertThat(remerge.error()).isNull();
        assertThat(remerge.out()).startsWith("Merged Archive.Trades partition 2024-01-02: 3,000 rows from 2 historical files");
    }

    @Test
    void shouldRejectBadArgumentsInOneLine() {
        Run both = run(new MergeCommand(), "Market", "Trades", "2024-01-02", "partitionColumnFormula=currentDateNy()", "--db", db());
        assertThat(both.error()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Cannot merge Market.Trades: give either partitionColumnValue or partitionColumnFormula, not both");
        Run badValue = run(new MergeCommand(), "Market", "Trades", "2024-01-02", "force=yes", "--db", db());
        assertThat(badValue.error()).hasMessage("Option force=yes: expected true or false");
        Run stray = run(new MergeCommand(), "Market", "Trades", "2024-01-02", "Timestamp", "--db", db());
        assertThat(stray.error()).hasMessage("Unexpected argument 'Timestamp': after PARTITION_VALUE only name=value options follow");
        Run none = run(new MergeCommand(), "--db", db());
        assertThat(none.error()).hasMessageStartingWith("Give NAMESPACE TABLE PARTITION_VALUE");
    }

    @Test
    void shouldRunAMergeJobSpec() throws Exception {
        run(new GenerateIntradayCommand(), "Market", "Quotes", "2024-01-03", "--rows", "500", "--symbols", "10", "--files", "2",
                "--db", db());
        Path spec = dir.resolve("merge-quotes.json");
        Files.writeString(spec, """
                {"id": "merge-quotes-1", "db": "%s", "namespace": "Market", "table": "Quotes",
                 "partitionColumnFormula": "\\"2024-01-03\\"", "sortColumnFormula": "Timestamp", "deleteIntraday": true,
                 "sparkConf": {"spark.executor.memory": "1g"}}
                """.formatted(db()));
        Run r = run(new MergeCommand(), "--job", spec.toString());
        assertThat(r.error()).isNull();
        assertThat(r.out()).contains("Merged Market.Quotes partition 2024-01-03: 500 rows").contains("intraday data deleted");

        MergeResult again = MergeMain.run("{\"db\": \"" + db() + "\", \"namespace\": \"Market\", \"table\": \"Quotes\","
                + " \"partitionColumnValue\": \"2024-01-03\", \"force\": true}", TestSpark.session());
        assertThat(again.rows()).isZero();
        assertThat(again.replaced()).isNotEmpty();

        Files.writeString(spec, "{\"namespace\": \"Market\", \"table\": \"Quotes\", \"force\": 1}");
        Run bad = run(new MergeCommand(), "--job", spec.toString());
        assertThat(bad.error()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("merge-quotes.json line 1, column 53: field 'force' has the wrong type: expected true or false, got 1");
    }
}
