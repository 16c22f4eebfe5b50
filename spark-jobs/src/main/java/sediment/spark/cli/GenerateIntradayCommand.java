package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import sediment.cli.DbOption;
import sediment.spark.LocalSpark;
import sediment.spark.generate.IntradayGenerator;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code sediment generate intraday NAMESPACE TABLE DATE}: sample data to try merges with. */
@Command(name = "intraday", mixinStandardHelpOptions = true,
        description = {"Write a sample merge table definition (if there is none) and intraday trades for one day.",
                "The columns are Date (partitioning), Sym (grouping, skewed), Timestamp, Price and Size."},
        footer = {"%nExample:", "  sediment generate intraday Market Trades 2024-01-02 --rows 1000000"})
public final class GenerateIntradayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAMESPACE")
    String namespace;
    @Parameters(index = "1", paramLabel = "TABLE")
    String table;
    @Parameters(index = "2", paramLabel = "DATE", description = "The column partition value, yyyy-MM-dd.")
    String date;
    @Option(names = "--rows", defaultValue = "1000000", description = "Rows to write (default: ${DEFAULT-VALUE}).")
    long rows;
    @Option(names = "--symbols", defaultValue = "1000", description = "Distinct Sym values, i.e. groups (default: ${DEFAULT-VALUE}).")
    int symbols;
    @Option(names = "--files", defaultValue = "4", description = "Intraday files (default: ${DEFAULT-VALUE}).")
    int files;
    @Option(names = "--writable-partitions", defaultValue = "4",
            description = "Writable partitions in a new definition (default: ${DEFAULT-VALUE}).")
    int writablePartitions;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--replace", description = "Replace intraday data already there for that date.")
    boolean replace;
    @Mixin
    DbOption db;

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
        IntradayGenerator.Written w = IntradayGenerator.write(LocalSpark.session("sediment generate"),
                new IntradayGenerator.Spec(db.location(), namespace, table, date, rows, symbols, files, writablePartitions,
                        seed, replace));
        out().println((w.definitionCreated() ? "Wrote table definition " : "Using table definition ") + w.definition());
        out().printf("Wrote %,d rows of intraday data in %d files to %s%n", w.rows(), w.files().size(), w.directory());
        out().println("Merge them with: sediment merge " + namespace + " " + table + " " + date + " sortColumn=Timestamp"
                + (db.given() == null ? "" : " --db " + db.given()));
        out().flush();
        return 0;
    }
}
