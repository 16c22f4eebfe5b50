package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.merge.MergeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.spark.merge.MergeFixture.DAY;
import static sediment.spark.merge.MergeFixture.NS;
import static sediment.spark.merge.MergeFixture.TABLE;
import static sediment.spark.merge.MergeFixture.TRADES;

/** RemergeData, merging a Dataset, validation and deletion of intraday data. */
class MergeSourcesTest {
    @TempDir
    Path dir;

    MergeFixture merged(int writable, int rows) {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(writable, null));
        f.intraday(NS, TABLE, DAY, "a.parquet", MergeFixture.trades(rows, 12, 7, DAY), TRADES);
        MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp").sparkSession(f.spark).build().run();
        return f;
    }

    /** The historical rows of a table in writable partition order then file order: the order a remerge reads them in. */
    static List<Row> historical(MergeFixture f, String ns, String table, int writable) {
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < writable; n++) {
            if (Files.exists(f.historicalFile(ns, table, DAY, n))) {
                for (Row r : f.readHistorical(ns, table, DAY, n)) {
                    rows.add(RowFactory.create(DAY, r.get(0), r.get(1), r.get(2), r.get(3)));
                }
            }
        }
        return rows;
    }

    @Test
    void shouldRemergeHistoricalDataIntoAnotherTable() {
        MergeFixture f = merged(3, 400);
        f.define("Archive", "Trades", MergeFixture.definition(2, "\"keyFormula\": \"pmod(Size, 2)\", \"defaultParquetCodec\": \"ZSTD\""));
        List<Row> source = historical(f, NS, TABLE, 3);
        MergeResult r = RemergeData.builder(f.db(), NS, TABLE, "Archive", "Trades").partitionColumnValue(DAY).sparkSession(f.spark)
                .build().run();
        assertThat(r.codec()).isEqualTo("ZSTD");
        assertThat(r.source()).startsWith("3 historical files in 3 directories");
        assertThat(r.validation().passed()).isTrue();
        List<Integer> dest = Expected.destinations(f.spark, source, TRADES, "pmod(Size, 2)");
        for (int n = 0; n < 2; n++) {
            assertThat(f.readHistorical("Archive", "Trades", DAY, n)).containsExactlyElementsOf(Expected.file(source, dest, n, null));
        }
        assertThat(historical(f, NS, TABLE, 3)).containsExactlyElementsOf(source);
    }

    @Test
    void shouldRemergeInPlaceWithForceAndLateCleanup() {
        MergeFixture f = merged(2, 300);
        List<Row> source = historical(f, NS, TABLE, 2);
        assertThatThrownBy(() -> RemergeData.builder(f.db(), NS, TABLE, NS, TABLE).partitionColumnValue(DAY).sparkSession(f.spark)
                .build().run()).isInstanceOf(InvalidInputException.class).hasMessageContaining("use force=true");
        MergeResult r = RemergeData.builder(f.db(), NS, TABLE, NS, TABLE).partitionColumnValue(DAY).force(true).lateCleanup(true)
                .sortColumnFormula("Price").sparkSession(f.spark).build().run();
        assertThat(r.replaced()).containsExactly(0, 1);
        assertThat(r.validation().passed()).isTrue();
        List<Integer> dest = Expected.destinations(f.spark, source, TRADES, "pmod(hash(Sym), 2)");
        for (int n = 0; n < 2; n++) {
            assertThat(f.readHistorical(NS, TABLE, DAY, n)).containsExactlyElementsOf(Expected.file(source, dest, n, row -> row.getDouble(3)));
        }
        assertThat(f.leftovers()).isEmpty();
    }

    @Test
    void shouldMergeADatasetInItsOwnOrder() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(2, null));
        List<Row> rows = MergeFixture.trades(500, 9, 3, DAY);
        Dataset<Row> source = f.spark.createDataFrame(rows, TRADES).drop("Date").coalesce(1);
        MergeResult r = MergeFromTable.merge(source, f.db(), NS, TABLE, MergeOptions.builder().partitionColumnValue(DAY).build());
        assertThat(r.source()).isEqualTo("a Dataset");
        assertThat(r.validation().passed()).isTrue();
        List<Integer> dest = Expected.destinations(f.spark, rows, TRADES, "pmod(hash(Sym), 2)");
        for (int n = 0; n < 2; n++) {
            assertThat(f.readHistorical(NS, TABLE, DAY, n)).containsExactlyElementsOf(Expected.file(rows, dest, n, null));
        }
    }

    @Test
    void shouldRequireADatasetToHaveTheDefinitionsTypes() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(2, null));
        StructType wrong = new StructType().add("Sym", DataTypes.StringType).add("Timestamp", DataTypes.StringType)
                .add("Price", DataTypes.DoubleType);
        Dataset<Row> source = f.spark.createDataFrame(List.of(RowFactory.create("A", "09:30", 1.0)), wrong);
        assertThatThrownBy(() -> MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sourceTable(source).build().run())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot merge Market.Trades partition 2024-01-02: the source Dataset does not match the table definition:"
                        + " column 'Timestamp' is string but the definition says DateTime (timestamp); it has no column 'Size'");
    }

    @Test
    void shouldDeleteIntradayDataOnlyAfterValidationPassed() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(2, null));
        f.intraday(NS, TABLE, DAY, "a.parquet", MergeFixture.trades(100, 5, 1, DAY), TRADES);
        Path intraday = MergeFixture.local(f.layout.intradayDir(NS, TABLE, DAY));

        // A merge whose output is damaged after the commit fails validation and keeps the intraday data.
        assertThatThrownBy(() -> MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).deleteIntraday(true)
                .sparkSession(f.spark).commitHook(point -> {
                    if (point.equals("after-commit")) {
                        damage(f);
                    }
                }).build().run())
                .isInstanceOf(SedimentException.class)
                .hasMessageMatching("Validation failed for Market.Trades partition 2024-01-02: the historical data has \\d+ rows with"
                        + " checksum \\w+ but the source had 100 rows with checksum \\w+; the intraday data was kept");
        assertThat(intraday).isDirectory();

        MergeResult r = MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).deleteIntraday(true).force(true)
                .sparkSession(f.spark).build().run();
        assertThat(r.validation().passed()).isTrue();
        assertThat(r.validation().sourceRows()).isEqualTo(100);
        assertThat(r.intradayDeleted()).isTrue();
        assertThat(intraday).doesNotExist();
    }

    /** Replaces the first historical file with one that lacks its last row. */
    private static void damage(MergeFixture f) {
        for (int n = 0; n < 2; n++) {
            Path file = f.historicalFile(NS, TABLE, DAY, n);
            if (Files.exists(file)) {
                List<Row> rows = new ArrayList<>(f.readHistorical(NS, TABLE, DAY, n));
                rows.remove(rows.size() - 1);
                StructType schema = f.spark.read().parquet(file.toString()).schema();
                Dataset<Row> less = f.spark.createDataFrame(rows, schema);
                less.cache().count();
                MergeFixture.writeParquet(file, less);
                try {
                    Files.deleteIfExists(file.resolveSibling(".table.parquet.crc"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return;
            }
        }
    }

    @Test
    void shouldSortNullsFirst() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(1, null));
        List<Row> rows = List.of(
                RowFactory.create(DAY, "A", new Timestamp(3000), 1.0, 1),
                RowFactory.create(DAY, "A", null, 2.0, 2),
                RowFactory.create(DAY, null, new Timestamp(1000), 3.0, 3),
                RowFactory.create(DAY, "A", new Timestamp(1000), 4.0, 4));
        f.intraday(NS, TABLE, DAY, "a.parquet", rows, TRADES);
        for (boolean lowHeap : new boolean[]{false, true}) {
            MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp").force(true)
                    .lowHeapUsage(lowHeap).sparkSession(f.spark).build().run();
            assertThat(f.readHistorical(NS, TABLE, DAY, 0)).extracting(r -> r.getInt(3)).containsExactly(2, 4, 1, 3);
        }
        assertThat(rows.stream().sorted(Comparator.comparing(r -> r.getInt(4))).count()).isEqualTo(4);
    }
}
