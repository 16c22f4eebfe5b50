package sediment.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the sediment command line in-process, capturing what it prints. */
final class Cli {
    private Cli() {
    }

    record Result(int exitCode, String out, String err) {
        /** Asserts a user error: exit 1 and exactly one line on stderr, "error: " then the message, no stack trace. */
        String userError() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(1);
            assertThat(err.lines().toList()).as("stderr").hasSize(1);
            assertThat(err).startsWith("error: ").doesNotContain("\tat ", "Exception:", "sediment.core.");
            return err.strip().substring("error: ".length());
        }

        Result succeeded() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            assertThat(err).isEmpty();
            return this;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SedimentCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(picocli.CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SedimentCli.execute(cli, args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
