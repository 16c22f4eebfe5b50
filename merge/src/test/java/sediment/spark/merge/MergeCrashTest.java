package sediment.spark.merge;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.spark.merge.MergeFixture.DAY;
import static sediment.spark.merge.MergeFixture.NS;
import static sediment.spark.merge.MergeFixture.TABLE;
import static sediment.spark.merge.MergeFixture.TRADES;

/** Failures between writing and moving into place leave the previous historical data intact and readable. */
class MergeCrashTest {
    @TempDir
    Path dir;
    MergeFixture f;
    List<Row> old0;
    Map<String, String> oldFiles;

    /** A simulated crash: an Error is not cleaned up after, as if the JVM had died. */
    static final class Crash extends Error {
        Crash(String point) {
            super("simulated crash at " + point);
        }
    }

    @BeforeEach
    void mergeOnce() {
        f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(2, null));
        f.intraday(NS, TABLE, DAY, "a.parquet", MergeFixture.trades(200, 10, 1, DAY), TRADES);
        MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sparkSession(f.spark).build().run();
        old0 = f.readHistorical(NS, TABLE, DAY, 0);
        oldFiles = f.snapshot("Systems/Market/Partitions");
        // New intraday data for the re-merge.
        f.intraday(NS, TABLE, DAY, "b.parquet", MergeFixture.trades(100, 10, 2, DAY), TRADES);
    }

    MergeData.Builder remerge(String failAt, boolean crash) {
        return MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).force(true).sortColumnFormula("Price")
                .sparkSession(f.spark).commitHook(point -> {
                    if (point.equals(failAt)) {
                        if (crash) {
                            throw new Crash(point);
                        }
                        throw new IllegalStateException("injected failure at " + point);
                    }
                });
    }

    @Test
    void shouldKeepOldDataWhenTheMergeFailsBeforeMovingIntoPlace() {
        assertThatThrownBy(() -> remerge("before-commit", false).build().run()).hasMessage("injected failure at before-commit");
        assertThat(f.snapshot("Systems/Market/Partitions")).isEqualTo(oldFiles);
        assertThat(f.readHistorical(NS, TABLE, DAY, 0)).containsExactlyElementsOf(old0);
        assertThat(f.leftovers()).isEmpty();
    }

    @Test
    void shouldKeepOldDataReadableAfterACrashAndCleanUpOnTheNextRun() {
        assertThatThrownBy(() -> remerge("before-commit", true).build().run()).isInstanceOf(Crash.class);
        assertThat(f.leftovers()).isNotEmpty().allMatch(n -> n.matches("\\.merge-[0-9a-f]{20}-Trades"));
        assertThat(f.readHistorical(NS, TABLE, DAY, 0)).containsExactlyElementsOf(old0);
        assertThat(f.spark.read().parquet(f.dir.resolve("Systems/Market/Partitions/*/" + DAY + "/Trades").toString()).count())
                .isEqualTo(200);

        MergeResult next = remerge("none", false).build().run();
        assertThat(next.recovered()).isNotEmpty().allMatch(r -> r.startsWith("deleted ") && r.matches(".*/\\.merge-[0-9a-f]{20}-Trades left by merge .*"));
        assertThat(f.leftovers()).isEmpty();
        assertThat(next.rows()).isEqualTo(300);
        assertThat(next.validation().passed()).isTrue();
    }

    @Test
    void shouldFinishACommitThatCrashedHalfWayOnTheNextRun() {
        for (boolean lateCleanup : new boolean[]{false, true}) {
            MergeData crashing = remerge("moved:0", true).lateCleanup(lateCleanup).build();
            assertThatThrownBy(crashing::run).isInstanceOf(Crash.class);
            // The next run finds the journal, finishes the crashed commit, then refuses to overwrite without force.
            assertThatThrownBy(() -> MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sparkSession(f.spark).build().run())
                    .hasMessageContaining("historical data already exists");
            assertThat(f.leftovers()).isEmpty();
            long rows = f.readHistorical(NS, TABLE, DAY, 0).size() + f.readHistorical(NS, TABLE, DAY, 1).size();
            assertThat(rows).isEqualTo(300);
            List<Row> first = f.readHistorical(NS, TABLE, DAY, 0);
            assertThat(first).isNotEqualTo(old0);
        }
    }
}
