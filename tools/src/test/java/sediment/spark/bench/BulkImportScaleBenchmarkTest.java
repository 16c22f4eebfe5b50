package sediment.spark.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.instance.SedimentProperties;
import sediment.core.table.TableState;
import sediment.spark.TestSpark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scale series at tiny sizes: every point is imported, committed in full and printed, with the series' ratio.
 * Timings are never asserted.
 */
class BulkImportScaleBenchmarkTest {
    @TempDir
    Path dir;

    final StringWriter text = new StringWriter();

    BulkImportScaleBenchmark bench() {
        return new BulkImportScaleBenchmark(TestSpark.session(), dir, new PrintWriter(text, true));
    }

    TableState state(String table) {
        return Instance.open(dir.resolve("instance").toString()).table(table).state();
    }

    List<String> tableLines() {
        return text.toString().lines().filter(l -> l.startsWith("|")).toList();
    }

    @Test
    void rowsSeriesPrintsTheCostPerRowOfEveryRowCountAndTheRatioOfTheLargestToTheSmallest() {
        BulkImportScaleBenchmark.Runs runs = new BulkImportScaleBenchmark.Runs(1, 0, 2, Map.of());
        BulkImportScaleBenchmark bench = bench();

        List<BulkImportScaleBenchmark.Point> points = bench.rowsSeries(List.of(20_000L, 40_000L), 4, runs);
        bench.printRows(points, runs);

        assertThat(points).extracting(BulkImportScaleBenchmark.Point::rows).containsExactly(20_000L, 40_000L);
        assertThat(points).allSatisfy(p -> {
            assertThat(p.seconds()).hasSize(1);
            assertThat(p.nanosPerRow()).isPositive();
            assertThat(p.layout().rows()).isEqualTo(p.rows());
            assertThat(p.layout().leaves()).isEqualTo(4);
            assertThat(p.layout().files()).isEqualTo(4);
        });
        assertThat(tableLines()).hasSize(4);
        assertThat(tableLines().get(0)).startsWith("| rows | seconds | ns/row |");
        assertThat(tableLines().get(2)).startsWith("| 20,000 | ");
        assertThat(tableLines().get(3)).startsWith("| 40,000 | ");
        assertThat(text.toString()).contains("Bulk import cost per row: 4 leaves", "largest/smallest ", "(target ≤ 1.3×: ",
                "ns/row at 40,000 rows over ns/row at 20,000", "run 1: 20,000 rows ", "Spark stages: ");
        // Read from the logs, which stay when the data files are deleted.
        assertThat(state("rows-20000-run0").totalRows()).isEqualTo(20_000);
        assertThat(state("rows-40000-run0").totalRows()).isEqualTo(40_000);
        assertThat(state("rows-40000-run0").partitions().leaves()).hasSize(4);
    }

    @Test
    void leavesSeriesImportsOneInputIntoEveryLeafCountAndComparesEachWithTheReference() {
        BulkImportScaleBenchmark.Runs runs = new BulkImportScaleBenchmark.Runs(1, 1, 2, Map.of());
        BulkImportScaleBenchmark bench = bench();

        // The reference, 4, is not listed: it is added.
        List<BulkImportScaleBenchmark.Point> points = bench.leavesSeries(20_000, List.of(16), 4, runs);
        bench.printLeaves(points, 4, runs);

        assertThat(points).extracting(BulkImportScaleBenchmark.Point::leaves).containsExactly(4, 16);
        assertThat(points).allSatisfy(p -> assertThat(p.layout().rows()).isEqualTo(20_000));
        assertThat(points).extracting(p -> p.layout().leaves()).containsExactly(4, 16);
        assertThat(tableLines()).hasSize(4);
        assertThat(tableLines().get(0)).startsWith("| leaves | seconds | rows/s | × 4 leaves |");
        assertThat(tableLines().get(2)).startsWith("| 4 | ").endsWith(" | 1.00 | 4 |");
        assertThat(tableLines().get(3)).startsWith("| 16 | ").endsWith(" | 16 |");
        assertThat(text.toString()).contains("Generating 20,000 rows", "warm-up 1: 4 leaves ", "(not counted)",
                "Bulk import of 20,000 rows by leaf count", "16 leaves/4 leaves ", "(target ≤ 1.5×: ");
        assertThat(text.toString().lines().filter(l -> l.startsWith("Generating"))).hasSize(1);
        assertThat(state("leaves-16-run0").totalRows()).isEqualTo(20_000);
        assertThat(state("leaves-16-run0").partitions().leaves()).hasSize(16);
    }

    @Test
    void skewSeriesPreSplitsAnEmptyTableAroundTheHotKeyAndComparesItWithEvenLeaves() {
        BulkImportScaleBenchmark.Runs runs = new BulkImportScaleBenchmark.Runs(1, 0, 2, Map.of());
        BulkImportScaleBenchmark bench = bench();

        List<BulkImportScaleBenchmark.Point> points = bench.skewSeries(50_000, 0.3, 8, runs);
        bench.printSkew(points, 0.3, runs);

        BulkImportScaleBenchmark.Layout preSplit = points.get(0).layout();
        BulkImportScaleBenchmark.Layout byHand = points.get(1).layout();
        assertThat(points.get(0).leaves()).isEqualTo(1);
        assertThat(preSplit.rows()).isEqualTo(50_000);
        assertThat(byHand.rows()).isEqualTo(50_000);
        // The import cut the one leaf into at least min.leaf.partitions, the hot key in a leaf of its own.
        assertThat(preSplit.leaves()).isGreaterThanOrEqualTo(8);
        assertThat(preSplit.hotLeafShare()).isCloseTo(0.3, within(0.02));
        assertThat(preSplit.otherBalance()).isLessThan(1.5);
        // Even key ranges put the hot key's rows in with an eighth of the others.
        assertThat(byHand.leaves()).isEqualTo(8);
        assertThat(byHand.hotLeafShare()).isCloseTo(0.3 + 0.7 / 8, within(0.02));
        assertThat(preSplit.balance()).isCloseTo(preSplit.largestFileRows() / (50_000.0 / preSplit.files()), within(1e-9));

        TableState table = state("skew-presplit-run0");
        assertThat(table.partitions().leaves()).hasSize(preSplit.leaves());
        assertThat(table.totalRows()).isEqualTo(50_000);
        assertThat(Instance.open(dir.resolve("instance").toString()).table("skew-presplit-run0").properties())
                .containsEntry(SedimentProperties.BULK_IMPORT_MIN_LEAF_PARTITIONS.name(), "8");
        assertThat(state("skew-even-run0").partitions().leaves()).hasSize(8);

        assertThat(tableLines()).hasSize(4);
        assertThat(tableLines().get(2)).startsWith("| pre-split by the import (from 1 leaf, min.leaf.partitions 8) | "
                + preSplit.leaves() + " | ");
        assertThat(tableLines().get(3)).startsWith("| split by hand at even key ranges (8 leaves) | 8 | ");
        assertThat(text.toString()).contains("about 30.0% of them with one key", "pre-split by the import/split by hand ",
                "hot key's leaf ");
    }
}
