package sediment.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import sediment.cli.DbOption;
import sediment.spark.LocalSpark;
import sediment.spark.merge.MergeResult;
import sediment.spark.merge.RemergeData;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sediment remerge SOURCE_NAMESPACE SOURCE_TABLE NAMESPACE TABLE PARTITION_VALUE [name=value ...]}:
 * the seed's RemergeData, re-merging historical data of one table into another.
 */
@Command(name = "remerge", mixinStandardHelpOptions = true,
        description = {"Re-merge the historical data of one table's column partition into another table (or, with force=true,"
                + " into itself).", "Takes the same name=value options as merge. See docs/merge.md."},
        footer = {"%nExample:", "  sediment remerge Market Trades Archive Trades 2024-01-02 force=true"})
public final class RemergeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE_NAMESPACE")
    String sourceNamespace;
    @Parameters(index = "1", paramLabel = "SOURCE_TABLE")
    String sourceTable;
    @Parameters(index = "2", paramLabel = "NAMESPACE")
    String namespace;
    @Parameters(index = "3", paramLabel = "TABLE")
    String table;
    @Parameters(index = "4..*", arity = "0..*", paramLabel = "PARTITION_VALUE | name=value")
    List<String> rest = new ArrayList<>();
    @Mixin
    DbOption db;

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
        MergeResult result = RemergeData.builder(db.location(), sourceNamespace, sourceTable, namespace, table)
                .options(MergeCommand.options(rest)).sparkSession(LocalSpark.session("sediment remerge")).build().run();
        out().print(result.summary());
        out().flush();
        return 0;
    }
}
