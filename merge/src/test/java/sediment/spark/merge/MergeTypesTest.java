package sediment.spark.merge;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.spark.merge.MergeFixture.DAY;
import static sediment.spark.merge.MergeFixture.NS;
import static sediment.spark.merge.MergeFixture.TABLE;

/** Date, timestamp and decimal values go through a merge unchanged, written as Parquet's DATE, UTC TIMESTAMP and DECIMAL. */
class MergeTypesTest {
    @TempDir
    Path dir;

    static final StructType WITH_DATE = new StructType()
            .add("Date", DataTypes.StringType)
            .add("Sym", DataTypes.StringType)
            .add("Timestamp", DataTypes.TimestampType)
            .add("Settle", DataTypes.DateType)
            .add("Price", DataTypes.createDecimalType(18, 4));

    @Test
    void shouldCarryDateTimestampAndDecimalValuesThrough() throws Exception {
        MergeFixture f = new MergeFixture(dir).define(NS, TABLE, """
                {
                  "columns": [
                    {"name": "Date", "dataType": "String", "columnType": "Partitioning"},
                    {"name": "Sym", "dataType": "String", "columnType": "Grouping"},
                    {"name": "Timestamp", "dataType": "DateTime"},
                    {"name": "Settle", "dataType": "LocalDate"},
                    {"name": "Price", "dataType": "BigDecimal(18,4)"}
                  ],
                  "writablePartitions": 1
                }
                """);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(RowFactory.create(DAY, "S" + (i % 3), new Timestamp(1_704_205_800_000L + 1_000L * (50 - i) + i % 2),
                    i % 10 == 0 ? null : Date.valueOf(java.time.LocalDate.of(1969, 12, 25).plusDays(i * 7L)),
                    i % 9 == 0 ? null : java.math.BigDecimal.valueOf(i * 1_000_003L - 20_000_000L, 4)));
        }
        f.intraday(NS, TABLE, DAY, "a.parquet", rows, WITH_DATE);

        MergeData.builder(f.db(), NS, TABLE).partitionColumnValue(DAY).sortColumnFormula("Timestamp").sparkSession(f.spark)
                .build().run();

        List<Row> merged = f.readHistorical(NS, TABLE, DAY, 0);
        assertThat(merged).hasSize(50);
        List<List<Object>> expected = rows.stream().map(r -> java.util.Arrays.asList(r.get(1), r.get(2), r.get(3), r.get(4))).toList();
        assertThat(merged.stream().map(r -> java.util.Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3))).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(f.historicalFile(NS, TABLE, DAY, 0).toUri()), new Configuration()))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getType("Settle").toString()).isEqualTo("optional int32 Settle (DATE)");
            assertThat(schema.getType("Timestamp").toString()).isEqualTo("optional int64 Timestamp (TIMESTAMP(MICROS,true))");
            assertThat(schema.getType("Price").toString()).isEqualTo("optional int64 Price (DECIMAL(18,4))");
        }
    }
}
