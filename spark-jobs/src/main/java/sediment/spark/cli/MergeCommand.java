package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import sediment.cli.DbOption;
import sediment.core.error.InvalidInputException;
import org.apache.hadoop.conf.Configuration;
import sediment.core.merge.HistoricalCommit;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeOptions;
import sediment.core.run.RunId;
import sediment.core.storage.Storages;
import sediment.core.storage.HadoopConf;
import sediment.spark.LocalSpark;
import sediment.spark.merge.MergeData;
import sediment.spark.merge.MergeMain;
import sediment.spark.merge.MergeResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sediment merge NAMESPACE TABLE PARTITION_VALUE [name=value ...] [--db URI]}: the seed's
 * MergeIntradayData on the command line, with Spark in this process; {@code sediment merge --recover NAMESPACE TABLE
 * PARTITION_VALUE} finishes or rolls back a merge of that table and partition that crashed, without Spark.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge one column partition (usually a date) of a table from intraday into historical storage.",
                "Options after the partition value are the seed's name=value words: sortColumn=Timestamp force=true"
                        + " lowHeapUsage=true codec=ZSTD lateCleanup=true threadPoolSize=4 allowEmptyInput=false"
                        + " validate=true deleteIntraday=true tableDef=FILE storageFormat=Parquet maximumConcurrentColumns=N"
                        + " partitionColumnFormula=FORMULA (instead of PARTITION_VALUE). See docs/merge.md."},
        footer = {"%nExamples:", "  sediment merge Market Trades 2024-01-02 sortColumn=Timestamp codec=ZSTD",
                "  sediment merge --job merge.json", "  sediment merge --recover Market Trades 2024-01-02"})
public final class MergeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAMESPACE")
    String namespace;
    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE")
    String table;
    @Parameters(index = "2..*", arity = "0..*", paramLabel = "PARTITION_VALUE | name=value",
            description = "The column partition value (e.g. 2024-01-02), then name=value options.")
    List<String> rest = new ArrayList<>();
    @Mixin
    DbOption db;
    @Option(names = "--job", paramLabel = "JOB.json",
            description = "Run a merge job spec (the JSON the submitter launches) here instead of the arguments.")
    String job;
    @Option(names = "--recover",
            description = "Only finish (if it was decided) or roll back (if not) a merge of NAMESPACE TABLE PARTITION_VALUE that crashed;"
                    + " runs no Spark. Refused while that merge is still running.")
    boolean recover;

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
        if (recover) {
            return recover();
        }
        MergeResult result;
        if (job != null) {
            if (namespace != null) {
                throw new InvalidInputException("Give either --job or NAMESPACE TABLE PARTITION_VALUE, not both");
            }
            result = MergeMain.run(job, LocalSpark.session("sediment merge"));
        } else {
            if (namespace == null || table == null) {
                throw new InvalidInputException("Give NAMESPACE TABLE PARTITION_VALUE, e.g. sediment merge Market Trades 2024-01-02");
            }
            result = MergeData.builder(db.location(), namespace, table).options(options(rest))
                    .sparkSession(LocalSpark.session("sediment merge")).build().run();
        }
        out().print(result.summary());
        out().flush();
        return 0;
    }

    /** Settles what crashed merges of one table and partition left, with core storage only (no Spark). */
    private int recover() {
        if (job != null || namespace == null || table == null || rest.size() != 1 || rest.get(0).contains("=")) {
            throw new InvalidInputException("Give --recover NAMESPACE TABLE PARTITION_VALUE, e.g. sediment merge --recover Market Trades 2024-01-02");
        }
        String ns = MergeLayout.checkName("namespace", namespace);
        String t = MergeLayout.checkName("table", table);
        String pv = MergeLayout.checkName("partition value", rest.get(0));
        MergeLayout layout = MergeLayout.at(db.location());
        Configuration conf = HadoopConf.load();
        HistoricalCommit commit = new HistoricalCommit(Storages.forPath(layout.root(), conf), layout, ns, t, pv,
                HistoricalCommit.LeaseSettings.from(conf));
        List<String> done = commit.recover("recover-" + RunId.next());
        if (done.isEmpty()) {
            out().println("Nothing to recover for " + ns + "." + t + " partition " + pv + ": no merge of it was interrupted");
        } else {
            out().println("Recovered " + ns + "." + t + " partition " + pv + ":");
            done.forEach(d -> out().println("  " + d));
        }
        out().flush();
        return 0;
    }

    /** A leading word without '=' is the partition value; the rest are the seed's name=value options. */
    static MergeOptions options(List<String> words) {
        MergeOptions.Builder b = MergeOptions.builder();
        List<String> named = new ArrayList<>(words);
        if (!named.isEmpty() && !named.get(0).contains("=")) {
            b.partitionColumnValue(named.remove(0));
        }
        for (String w : named) {
            if (!w.contains("=")) {
                throw new InvalidInputException("Unexpected argument '" + w + "': after PARTITION_VALUE only name=value options follow");
            }
        }
        return b.words(named).build();
    }
}
