package sediment.spark.merge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MergeSmokeTest {
    @TempDir
    Path dir;

    @Test
    void smoke() {
        MergeFixture f = new MergeFixture(dir);
        f.define("Market", "Trades", MergeFixture.definition(3, null));
        f.intraday("Market", "Trades", "2024-01-02", "a.parquet", MergeFixture.trades(500, 20, 1, "2024-01-02"), MergeFixture.TRADES);
        f.intraday("Market", "Trades", "2024-01-02", "b.parquet", MergeFixture.trades(300, 20, 2, "2024-01-02"), MergeFixture.TRADES);
        MergeResult r = MergeData.builder(f.db(), "Market", "Trades").partitionColumnValue("2024-01-02").sortColumnFormula("Timestamp")
                .sparkSession(f.spark).build().run();
        System.out.println(r.summary());
        assertThat(r.rows()).isEqualTo(800);
        MergeResult r2 = MergeData.builder(f.db(), "Market", "Trades").partitionColumnValue("2024-01-02").sortColumnFormula("Timestamp")
                .lowHeapUsage(true).force(true).sparkSession(f.spark).build().run();
        System.out.println(r2.summary());
    }
}
