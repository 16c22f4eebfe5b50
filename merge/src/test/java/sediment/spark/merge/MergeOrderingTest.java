package sediment.spark.merge;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sediment.core.merge.GroupIndex;
import sediment.core.merge.GroupReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.spark.merge.MergeFixture.DAY;
import static sediment.spark.merge.MergeFixture.NS;
import static sediment.spark.merge.MergeFixture.TABLE;
import static sediment.spark.merge.MergeFixture.TRADES;

/** Grouping, group order, sorting, routing, codecs and layout, against an independent model of the result. */
class MergeOrderingTest {
    @TempDir
    Path dir;

    /** Writes three intraday files out of name order (and one in a subdirectory); returns the rows in arrival order. */
    List<Row> intraday(MergeFixture f, int rows, int symbols) {
        List<Row> b = MergeFixture.trades(rows / 3, symbols, 11, DAY);
        List<Row> a = MergeFixture.trades(rows / 3, symbols, 12, DAY);
        List<Row> c = MergeFixture.trades(rows - 2 * (rows / 3), symbols, 13, DAY);
        f.intraday(NS, TABLE, DAY, "b.parquet", b, TRADES);
        f.intraday(NS, TABLE, DAY, "a.parquet", a, TRADES);
        f.intraday(NS, TABLE, DAY, "c/0.parquet", c, TRADES);
        List<Row> arrival = new ArrayList<>(a);
        arrival.addAll(b);
        arrival.addAll(c);
        return arrival;
    }

    void assertMerged(MergeFixture f, MergeResult result, List<Row> arrival, int writable, String keyFormula,
                      Function<Row, Comparable<?>> sortKey) {
        List<Integer> dest = Expected.destinations(f.spark, arrival, TRADES, keyFormula);
        assertThat(result.rows()).isEqualTo(arrival.size());
        long total = 0;
        for (int n = 0; n < writable; n++) {
            List<Row> expected = Expected.file(arrival, dest, n, sortKey);
            Path file = f.historicalFile(NS, TABLE, DAY, n);
            if (expected.isEmpty()) {
                assertThat(file).doesNotExist();
                continue;
            }
            assertThat(f.readHistorical(NS, TABLE, DAY, n)).as("writable partition %d", n).containsExactlyElementsOf(expected);
            GroupIndex index = GroupReader.index(new Configuration(), file.toString());
            assertThat(index.writablePartition()).isEqualTo(n);
            assertThat(index.groupingColumns()).containsExactly("Sym");
            assertThat(index.groups()).extracting(g -> (int) g.rowCount()).containsExactlyElementsOf(Expected.groupSizes(expected));
            long first = 0;
            for (GroupIndex.Group g : index.groups()) {
                assertThat(g.firstRow()).isEqualTo(first);
                assertThat(g.key()).containsExactly(expected.get((int) first).getString(0));
                first += g.rowCount();
            }
            total += expected.size();
        }
        assertThat(total).isEqualTo(arrival.size());
        assertThat(f.leftovers()).isEmpty();
    }

    static Comparable<?> timestamp(Row r) {
        return r.getTimestamp(2);
    }

    @ParameterizedTest(name = "{0} rows into {1} writable partitions, lowHeapUsage={2}")
    @CsvSource({"3, 1, false", "300, 3, false", "300, 3, true", "6000, 4, false", "6000, 4, true"})
    void shouldGroupLargestFirstSortWithinGroupsAndRouteByKey(int rows, int writable, boolean lowHeap) {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(writable, null));
        List<Row> arrival = intraday(f, rows, 40);
        MergeResult result = MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp")
                .lowHeapUsage(lowHeap).sparkSession(f.spark).build().run();
        assertMerged(f, result, arrival, writable, "pmod(hash(Sym), " + writable + ")", MergeOrderingTest::timestamp);
        assertThat(result.validation().passed()).isTrue();
    }

    @Test
    void shouldKeepArrivalOrderWithinGroupsWithoutASortFormula() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(2, "\"keyFormula\": \"pmod(length(Sym), 2)\""));
        List<Row> arrival = intraday(f, 900, 25);
        for (boolean lowHeap : new boolean[]{false, true}) {
            MergeResult result = MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).lowHeapUsage(lowHeap).force(true)
                    .sparkSession(f.spark).build().run();
            assertMerged(f, result, arrival, 2, "pmod(length(Sym), 2)", null);
        }
    }

    @Test
    void shouldBreakTiesBetweenGroupsOfEqualSizeByKeyAndSortByAFormula() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(1, null));
        List<Row> rows = new ArrayList<>();
        long base = Timestamp.valueOf(DAY + " 09:30:00").getTime();
        String[] syms = {"ZZ", "AA", "MM", "AA", "ZZ", "MM", "BB"};
        for (int i = 0; i < 70; i++) {
            rows.add(RowFactory.create(DAY, syms[i % syms.length], new Timestamp(base + 17_000L * ((i * 7919) % 70)), i * 1.5, i));
        }
        f.intraday(NS, TABLE, DAY, "only.parquet", rows, TRADES);
        MergeResult result = MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY)
                .sortColumnFormula("upperBin(Timestamp, 60000000000L)").sparkSession(f.spark).build().run();
        Function<Row, Comparable<?>> minute = r -> MergeFunctions.bin(r.getTimestamp(2), 60_000_000_000L, true);
        assertMerged(f, result, rows, 1, "0", minute);
        assertThat(GroupReader.index(new Configuration(), f.historicalFile(NS, TABLE, DAY, 0).toString()).groups())
                .extracting(g -> g.key().get(0)).containsExactly("AA", "MM", "ZZ", "BB");
    }

    @Test
    void shouldBinTimestampsLikeTheSeed() {
        Timestamp t = Timestamp.from(Instant.parse("2024-01-02T14:30:01.5Z"));
        assertThat(MergeFunctions.bin(t, 1_000_000_000L, true)).isEqualTo(Instant.parse("2024-01-02T14:30:02Z"));
        assertThat(MergeFunctions.bin(t, 1_000_000_000L, false)).isEqualTo(Instant.parse("2024-01-02T14:30:01Z"));
        assertThat(MergeFunctions.bin(Timestamp.from(Instant.parse("2024-01-02T14:30:00Z")), 60_000_000_000L, true))
                .isEqualTo(Instant.parse("2024-01-02T14:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void shouldWriteTheChosenCodec(String codec) throws Exception {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(2, "\"defaultParquetCodec\": \"GZIP\""));
        f.intraday(NS, TABLE, DAY, "x.parquet", MergeFixture.trades(200, 10, 3, DAY), TRADES);
        MergeResult result = MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).codecName(codec.toLowerCase())
                .sparkSession(f.spark).build().run();
        assertThat(result.codec()).isEqualTo(codec);
        for (MergeResult.Destination d : result.destinations()) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(d.file()), new Configuration()))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData column : block.getColumns()) {
                        assertThat(column.getCodec()).isEqualTo(CompressionCodecName.valueOf(codec));
                    }
                }
            }
        }
        assertThat(f.spark.read().parquet(f.dir.resolve("Systems/Market/Partitions/*/" + DAY + "/Trades").toString()).count())
                .isEqualTo(200);
    }

    @Test
    void shouldUseTheDefinitionsCodecByDefault() {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(1, "\"defaultParquetCodec\": \"ZSTD\""));
        f.intraday(NS, TABLE, DAY, "x.parquet", MergeFixture.trades(10, 3, 3, DAY), TRADES);
        assertThat(MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).codecName("DEFAULT").sparkSession(f.spark)
                .build().run().codec()).isEqualTo("ZSTD");
    }

    @Test
    void shouldLetAReaderFindOneGroupWithoutReadingTheWholeFile() throws Exception {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, MergeFixture.definition(1, null));
        List<Row> rows = MergeFixture.trades(6000, 30, 5, DAY);
        f.intraday(NS, TABLE, DAY, "x.parquet", rows, TRADES);
        Configuration hadoop = f.spark.sparkContext().hadoopConfiguration();
        hadoop.setLong(DestinationWriter.ROW_GROUP_SIZE_KEY, 4096);
        try {
            MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp").sparkSession(f.spark)
                    .build().run();
        } finally {
            hadoop.unset(DestinationWriter.ROW_GROUP_SIZE_KEY);
        }
        String file = f.historicalFile(NS, TABLE, DAY, 0).toString();
        GroupIndex index = GroupReader.index(new Configuration(), file);
        GroupIndex.Group small = index.groups().get(index.groups().size() / 2);
        GroupReader.Result group = GroupReader.readGroup(new Configuration(), file, small.key());
        assertThat(group.rows()).hasSize((int) small.rowCount());
        assertThat(group.rows()).allSatisfy(r -> assertThat(r.getString("Sym", 0)).isEqualTo(small.key().get(0)));
        assertThat(group.rowGroupsInFile()).isGreaterThan(5);
        assertThat(group.rowGroupsRead()).isLessThan(group.rowGroupsInFile() / 2);
        assertThat(Files.size(f.historicalFile(NS, TABLE, DAY, 0))).isPositive();
    }
}
