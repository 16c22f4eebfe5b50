package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.error.SedimentException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A merge in a process of its own, for the process-level tests:
 * {@code MergeChild DB TABLE PARTITION_VALUE SEED LATE_CLEANUP [READY_FILE GO_FILE HOLD_MILLIS]} force-merges
 * {@link #ROWS} trades made from SEED into Market.TABLE. With READY_FILE it creates that file once Spark is up
 * and waits for GO_FILE, so that two children merge at the same moment, and it holds HOLD_MILLIS before
 * committing. Exit code 0 on success, 1 with {@code error: <message>} on a Sediment error; the halt points
 * ({@code -Dsediment.haltAt}) end it with 137.
 */
public final class MergeChild {
    static final int ROWS = 300;

    private MergeChild() {
    }

    /** The rows a child merges for a seed: trades without the partitioning column, so any partition value fits. */
    static Dataset<Row> rows(SparkSession spark, long seed) {
        return spark.createDataFrame(MergeFixture.trades(ROWS, 10, seed, MergeFixture.DAY), MergeFixture.TRADES).drop("Date").coalesce(1);
    }

    static MergeData.Builder merge(SparkSession spark, String db, String table, String partitionValue, long seed, boolean lateCleanup) {
        return MergeData.builder(db, MergeFixture.NS, table).partitionColumnValue(partitionValue).sortColumnFormula("Price")
                .force(true).lateCleanup(lateCleanup).sourceTable(rows(spark, seed)).sparkSession(spark);
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("merge-child").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").config("spark.driver.host", "127.0.0.1")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
        long hold = args.length > 7 ? Long.parseLong(args[7]) : 0;
        if (args.length > 6) {
            Files.createFile(Path.of(args[5]));
            Path go = Path.of(args[6]);
            for (int i = 0; i < 3000 && !Files.exists(go); i++) {
                Thread.sleep(20);
            }
        }
        int code;
        try {
            MergeResult result = merge(spark, args[0], args[1], args[2], Long.parseLong(args[3]), Boolean.parseBoolean(args[4]))
                    .commitHook(point -> {
                        if (point.equals("before-commit") && hold > 0) {
                            try {
                                Thread.sleep(hold);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }).build().run();
            System.out.print(result.summary());
            code = 0;
        } catch (SedimentException e) {
            System.out.println("error: " + e.getMessage());
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }
}
