package sediment.cli;

import picocli.CommandLine.Option;
import sediment.core.merge.MergeLayout;

/** The {@code --db} option of every command that reads or writes a merge db (intraday and historical storage). */
public final class DbOption {
    @Option(names = "--db", paramLabel = "URI",
            description = "The db: a directory or Hadoop URI (default: $SEDIMENT_DB, else ./sediment-db).")
    String location;

    public String location() {
        return MergeLayout.location(location);
    }

    /** The option as given, for a command line printed back to the user; null if it was not given. */
    public String given() {
        return location;
    }
}
