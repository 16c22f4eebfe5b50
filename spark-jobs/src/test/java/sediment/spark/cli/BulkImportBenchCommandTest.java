package sediment.spark.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sediment.core.error.InvalidInputException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The options of bench bulk-import's series: their defaults, and options of another series refused before Spark starts. */
class BulkImportBenchCommandTest {
    record Run(int code, String out, String err, Exception error) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Exception[] error = new Exception[1];
        CommandLine cli = new CommandLine(new BulkImportBenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, c, p) -> {
            error[0] = e;
            return 1;
        });
        return new Run(cli.execute(args), out.toString(), err.toString(), error[0]);
    }

    @Test
    void seriesListsDefaultToIssue13sPointsAndAreReplacedWhenGiven() {
        BulkImportBenchCommand defaults = new BulkImportBenchCommand();
        new CommandLine(defaults).parseArgs("--series", "rows");
        assertThat(defaults.series).isEqualTo(BulkImportBenchCommand.Series.rows);
        assertThat(defaults.rowsList).containsExactly(1_000_000L, 4_000_000L, 16_000_000L);
        assertThat(defaults.leavesList).containsExactly(16, 64, 256, 1024, 4096);
        assertThat(defaults.hotKeyFraction).isEqualTo(0.3);

        BulkImportBenchCommand given = new BulkImportBenchCommand();
        new CommandLine(given).parseArgs("--series", "leaves", "--leaves-list", "4,16");
        assertThat(given.leavesList).containsExactly(4, 16);
    }

    @Test
    void refusesAnOptionOfAnotherSeries() {
        for (List<String> args : List.of(List.of("--series", "rows", "--rows", "1000"),
                List.of("--series", "rows", "--hot-key-fraction", "0.5"),
                List.of("--series", "skew", "--leaves-list", "4,16"),
                List.of("--series", "leaves", "--rows-list", "10,20"),
                List.of("--rows-list", "10,20"),
                List.of("--warm-up-runs", "2"))) {
            Run run = run(args.toArray(String[]::new));
            assertThat(run.code()).as(args.toString()).isEqualTo(1);
            assertThat(run.error()).as(args.toString()).isInstanceOf(InvalidInputException.class);
        }
        assertThat(run("--series", "rows", "--rows", "1000").error())
                .hasMessage("--rows is not an option of --series rows (it is of --series leaves and skew)");
        assertThat(run("--rows-list", "10,20").error()).hasMessage("--rows-list is an option of --series");
        assertThat(run("--series", "sideways").code()).isEqualTo(2);
    }

    @Test
    void helpShowsAnExampleOfEverySeries() {
        Run help = run("--help");
        assertThat(help.out()).contains("--series rows", "--rows-list 1000000,4000000,16000000 --partitions 64",
                "--series leaves --rows 10000000", "--leaves-list 16,64,256,1024,4096 --partitions 64",
                "--series skew --rows 10000000", "--hot-key-fraction 0.3 --partitions 64", "1000000,4000000,16000000).");
        // Every line fits the terminal picocli assumes: no example is broken mid-option.
        assertThat(help.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }
}
