package sediment.reliability;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sediment.cli.SedimentCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every command of the whole tree, the spark-jobs ones loaded as the launcher loads them: {@code -h}
 * and {@code --help} print its usage and exit 0, its summary is a whole sentence, its help shows an
 * example, and {@code --version} prints the version wherever the help offers it.
 */
class CommandTreeTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SedimentCli.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
        all.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {  // aliases name the same command again
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, all);
            }
        });
    }

    @Test
    void shouldGiveEveryCommandHelpASummarySentenceAnExampleAndTheVersionItOffers() {
        CommandLine root = SedimentCli.commandLine();
        List<List<String>> commands = new ArrayList<>();
        collect(root, List.of(), commands);
        assertThat(commands).as("the spark-jobs commands are loaded")
                .contains(List.of("bulk-import"), List.of("merge"), List.of("remerge"), List.of("bench", "bulk-import"),
                        List.of("bench", "merge"), List.of("generate", "rows"), List.of("generate", "intraday"),
                        List.of("queue", "send"), List.of("queue", "listen"), List.of("emr", "create-persistent-cluster"));
        // Every command spark-jobs lists (the list the launcher reads too) is in the tree, under its listed path.
        assertThat(commands).containsAll(SedimentCli.listedCommands().stream().map(e -> List.of(e[0].split(" "))).toList());
        assertThat(SedimentCli.listedCommands()).extracting(e -> e[0]).contains("bulk-import", "bench ingest", "generate rows");

        assertSoftly(soft -> {
            for (List<String> command : commands) {
                String name = String.join(" ", command);
                CommandLine.Model.CommandSpec spec = root.getCommandSpec();
                for (String part : command) {
                    spec = spec.subcommands().get(part).getCommandSpec();
                }
                for (String help : List.of("--help", "-h")) {
                    List<String> args = new ArrayList<>(command);
                    args.add(help);
                    Run r = run(args);
                    soft.assertThat(r.exit()).as("exit code of sediment %s %s; stderr: %s", name, help, r.err()).isZero();
                    soft.assertThat(r.out()).as("sediment %s %s", name, help)
                            .contains("Usage: sediment" + (command.isEmpty() ? "" : " " + name));
                    soft.assertThat(r.err()).as("stderr of sediment %s %s", name, help).isEmpty();
                    if (!spec.name().equals("help")) {  // picocli's own help command
                        soft.assertThat(r.out()).as("example in sediment %s --help", name).containsPattern("Examples?:\\n  sediment ");
                    }
                }
                String[] summary = spec.usageMessage().header().length > 0 ? spec.usageMessage().header()
                        : spec.usageMessage().description();
                soft.assertThat(summary).as("summary of sediment %s", name).isNotEmpty();
                if (summary.length > 0) {
                    soft.assertThat(summary[0]).as("summary of sediment %s is a whole sentence", name).endsWith(".");
                }
                boolean offersVersion = spec.options().stream().anyMatch(CommandLine.Model.OptionSpec::versionHelp);
                if (offersVersion) {
                    List<String> args = new ArrayList<>(command);
                    args.add("--version");
                    Run r = run(args);
                    soft.assertThat(r.exit()).as("exit code of sediment %s --version", name).isZero();
                    soft.assertThat(r.out()).as("sediment %s --version", name).isEqualTo("Sediment 0.1.0\n");
                }
            }
        });
    }
}
