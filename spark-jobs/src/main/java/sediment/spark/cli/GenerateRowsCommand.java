package sediment.spark.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sediment.cli.InstanceOption;
import sediment.core.schema.Schema;
import sediment.spark.LocalSpark;
import sediment.spark.generate.SampleData;

import java.nio.file.Paths;
import java.util.concurrent.Callable;

@Command(name = "rows", mixinStandardHelpOptions = true,
        description = "Write random rows for a table's schema as Parquet files, some in a nested directory.",
        footer = {"%nExample:", "  sediment generate rows --table events --out input/ --rows 1000000 --files 8"})
public final class GenerateRowsCommand implements Callable<Integer> {
    @Option(names = "--table", required = true, paramLabel = "NAME", description = "The table whose schema the rows follow.")
    String table;
    @Option(names = "--rows", paramLabel = "N", description = "How many rows (default 1000000).")
    long rows = 1_000_000;
    @Option(names = "--files", paramLabel = "N", description = "How many files (default 4).")
    int files = 4;
    @Option(names = "--key-max", paramLabel = "N", description = "First row key is uniform in [0, N) (default 1000000000).")
    long keyMax = 1_000_000_000L;
    @Option(names = "--seed", paramLabel = "N")
    long seed = 1;
    @Option(names = "--out", required = true, paramLabel = "DIR")
    String out;
    @Mixin
    InstanceOption instance;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Schema schema = instance.open().table(table).state().schema();
        SparkSession spark = LocalSpark.session("sediment-generate");
        try {
            String dir = out.contains("://") ? out : Paths.get(out).toAbsolutePath().toString();
            SampleData.write(SampleData.rows(spark, schema, rows, keyMax, seed, Math.max(2, files)), dir, files);
            spec.commandLine().getOut().printf("Wrote %,d rows for table %s as %d Parquet files under %s%n", rows, table, files, dir);
        } finally {
            spark.stop();
        }
        return 0;
    }
}
