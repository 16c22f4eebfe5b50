package sediment.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Table types and Spark types map both ways, so a table read as a DataFrame has the types it was written with. */
class SparkSchemasTest {
    @Test
    void everyTableTypeMapsToASparkTypeAndBack() {
        List<FieldType> types = new ArrayList<>(List.of(PrimitiveType.values()));
        types.add(new DecimalType(18, 4));
        types.add(new DecimalType(38, 0));
        types.add(new ListType(PrimitiveType.TIMESTAMP));
        types.add(new MapType(PrimitiveType.DATE, PrimitiveType.STRING));
        for (FieldType type : types) {
            assertThat(SparkSchemas.fieldType(SparkSchemas.dataType(type))).as("%s", type).contains(type);
        }
        assertThat(SparkSchemas.dataType(PrimitiveType.TIMESTAMP)).isEqualTo(DataTypes.TimestampType);
        assertThat(SparkSchemas.dataType(PrimitiveType.DATE)).isEqualTo(DataTypes.DateType);
        assertThat(SparkSchemas.dataType(new DecimalType(18, 4))).isEqualTo(DataTypes.createDecimalType(18, 4));
    }

    @Test
    void sparkTypesNoTableColumnHasMapToNothing() {
        assertThat(SparkSchemas.fieldType(DataTypes.TimestampNTZType)).isEmpty();
        assertThat(SparkSchemas.fieldType(DataTypes.ShortType)).isEmpty();
        assertThat(SparkSchemas.fieldType(DataTypes.createArrayType(DataTypes.createDecimalType(5, 2)))).isEmpty();
    }

    @Test
    void aDatasetSchemaIsCheckedByNameIgnoringNullabilityAndExtraColumns() {
        Schema table = new Schema(List.of(new Field("at", PrimitiveType.TIMESTAMP)), List.of(),
                List.of(new Field("tags", new ListType(PrimitiveType.STRING)), new Field("price", new DecimalType(10, 2))));
        StructType fits = DataTypes.createStructType(List.of(
                DataTypes.createStructField("extra", DataTypes.IntegerType, true),
                DataTypes.createStructField("price", DataTypes.createDecimalType(10, 2), true),
                DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType, false), true),
                DataTypes.createStructField("at", DataTypes.TimestampType, true)));
        assertThat(SparkSchemas.mismatches(fits, table)).isEmpty();
        StructType wrong = DataTypes.createStructType(List.of(
                DataTypes.createStructField("at", DataTypes.TimestampNTZType, false),
                DataTypes.createStructField("price", DataTypes.createDecimalType(10, 3), true)));
        assertThat(SparkSchemas.mismatches(wrong, table)).containsExactly(
                "column 'at' is timestamp_ntz, expected TimestampType", "column 'tags' is missing",
                "column 'price' is decimal(10,3), expected DecimalType(10,2)");
    }
}
