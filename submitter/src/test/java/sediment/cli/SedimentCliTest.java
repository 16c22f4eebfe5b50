package sediment.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exit codes: 0 ok, 1 user error, 2 usage error, 3 internal error; one-line errors, stack traces only with --verbose. */
class SedimentCliTest {

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom");
        }
    }

    private static CommandLine withExplode() {
        CommandLine cli = SedimentCli.commandLine();
        cli.addSubcommand("explode", new Explode());
        return cli;
    }

    @Test
    void shouldPrintUsageWithoutArguments() {
        Cli.Result result = Cli.run().succeeded();
        assertThat(result.out()).contains("Usage: sediment", "instance", "table", "gc", "status");
    }

    @Test
    void shouldPrintHelpAndVersion() {
        assertThat(Cli.run("--help").succeeded().out()).contains("Usage: sediment");
        assertThat(Cli.run("--version").succeeded().out()).contains("Sediment 0.1.0");
        assertThat(Cli.run("help", "table").succeeded().out()).contains("Usage: sediment table", "create", "describe", "split");
    }

    @Test
    void shouldGiveEverySubcommandHelp() {
        for (String[] command : new String[][]{{"instance"}, {"instance", "init"}, {"table"}, {"table", "create"},
                {"table", "describe"}, {"table", "split"}, {"table", "list"}, {"gc"}, {"status"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(Cli.run(args).succeeded().out()).as(String.join(" ", args))
                    .contains("Usage: sediment " + String.join(" ", command));
        }
    }

    @Test
    void shouldExitWith2OnUsageErrorsAndSayHowToGetHelp() {
        Cli.Result unknown = Cli.run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("error: Unmatched argument at index 0: 'frobnicate'", "Try 'sediment --help'.");

        Cli.Result missing = Cli.run("table", "create", "t");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: Missing required option: '--schema=FILE'", "Try 'sediment table create --help'.");

        Cli.Result badNumber = Cli.run("table", "split", "t", "--partition", "p", "--at", "5", "--dimension", "x");
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).contains("--dimension");
    }

    @Test
    void shouldTreatAGroupWithoutSubcommandAsAUsageError() {
        Cli.Result table = Cli.run("table");
        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err()).contains("error: Missing required subcommand: create, describe, split or list",
                "Try 'sediment table --help'.");
        assertThat(Cli.run("instance").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldExitWith3OnInternalErrorsWithoutAStackTrace() {
        Cli.Result result = Cli.run(withExplode(), "explode");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).isEqualTo("error: IllegalStateException: boom (run with --verbose for details)");
    }

    @Test
    void shouldPrintTheStackTraceWithVerbose() {
        Cli.Result result = Cli.run(withExplode(), "explode", "--verbose");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("java.lang.IllegalStateException: boom", "\tat ", "error: IllegalStateException: boom");
    }

    @Test
    void shouldKeepMessagesOnOneLine() {
        assertThat(SedimentCli.oneLine(new sediment.core.error.InvalidInputException("a\nb"))).isEqualTo("a b");
        assertThat(SedimentCli.oneLine(new RuntimeException(new java.io.IOException("disk full"))))
                .isEqualTo("RuntimeException: java.io.IOException: disk full (run with --verbose for details)");
        assertThat(SedimentCli.oneLine(new NullPointerException())).isEqualTo("NullPointerException (run with --verbose for details)");
    }

    @Test
    void shouldRunTableCommandsWithoutSparkOnTheClassPath() {
        // The launcher keeps Spark off the class path of table commands so they start fast; so does this module.
        assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession")).isInstanceOf(ClassNotFoundException.class);
    }
}
