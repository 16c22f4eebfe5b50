package sediment.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for every command (the root's standard help options are not inherited). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
