package sediment.spark.generate;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.key.KeyText;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;
import sediment.spark.TestSpark;
import sediment.spark.bulkimport.BulkImportJobRunner;
import sediment.spark.bulkimport.BulkImportResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What `sediment generate rows` writes for a table is input its bulk import takes, whatever the table's column types. */
class SampleDataTest {
    @TempDir
    Path dir;

    @Test
    void generatesRowsOfTimestampDateAndDecimalTypesThatTheBulkImportTakes() {
        SparkSession spark = TestSpark.session();
        Schema events = new Schema(List.of(new Field("at", PrimitiveType.TIMESTAMP)),
                List.of(new Field("day", PrimitiveType.DATE)),
                List.of(new Field("price", new DecimalType(18, 4)), new Field("big", new DecimalType(30, 6)),
                        new Field("name", PrimitiveType.STRING)));
        Instance instance = Instance.init(dir.resolve("instance").toString(), null);
        Table table = instance.createTable("events", events,
                List.of(KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21T00:00:00Z")), Map.of());
        Path input = dir.resolve("input");

        SampleData.write(SampleData.rows(spark, events, 2_000, 1_000, 5, 2), input.toString(), 2);
        BulkImportResult result = new BulkImportJobRunner(spark, instance)
                .run(new BulkImportJob("sample", "events", List.of(input.toString()), Map.of(), Map.of(), null), "test");

        assertThat(result.rows()).isEqualTo(2_000);
        List<String> files = table.state().files().values().stream().map(FileReference::path).toList();
        StructType written = spark.read().parquet(files.toArray(String[]::new)).schema();
        assertThat(written.apply("at").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(written.apply("day").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(written.apply("big").dataType()).isEqualTo(DataTypes.createDecimalType(30, 6));
        assertThat(spark.read().parquet(files.toArray(String[]::new)).count()).isEqualTo(2_000);
    }

    @Test
    void givesTheHotKeyToAboutTheFractionOfRowsAskedAndTheSameRowsEveryTime() {
        SparkSession spark = TestSpark.session();
        Schema schema = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
                List.of(new Field("name", PrimitiveType.STRING)));
        SampleData.Skew skew = new SampleData.Skew(0.25, 777);

        var first = SampleData.rows(spark, schema, 20_000, 1_000_000_000L, 3, 2, skew);
        long hot = first.filter("key = 777").count();
        var others = first.filter("key != 777").agg(functions.countDistinct("key"), functions.avg("key")).first();

        assertThat(hot / 20_000.0).isBetween(0.23, 0.27);
        // The other rows keep uniform keys over [0, keyMax).
        assertThat(others.getLong(0)).isGreaterThan(19_900 - hot);
        assertThat(others.getDouble(1)).isCloseTo(500_000_000.0, within(20_000_000.0));
        assertThat(SampleData.rows(spark, schema, 20_000, 1_000_000_000L, 3, 2, skew).collectAsList())
                .isEqualTo(first.collectAsList());
    }
}
