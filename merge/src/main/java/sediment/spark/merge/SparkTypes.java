package sediment.spark.merge;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sediment.core.merge.ColumnType;
import sediment.core.merge.MergeColumn;

import java.util.ArrayList;
import java.util.List;

/** Spark types of merge columns. */
final class SparkTypes {
    private SparkTypes() {
    }

    static DataType of(ColumnType type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case BOOLEAN -> DataTypes.BooleanType;
            case BYTE -> DataTypes.ByteType;
            case SHORT -> DataTypes.ShortType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case LOCAL_DATE -> DataTypes.DateType;
            case DATE_TIME -> DataTypes.TimestampType;
            case LOCAL_DATE_TIME -> DataTypes.TimestampNTZType;
            case BINARY -> DataTypes.BinaryType;
        };
    }

    static StructType schema(List<MergeColumn> columns) {
        List<StructField> fields = new ArrayList<>();
        for (MergeColumn c : columns) {
            fields.add(DataTypes.createStructField(c.name(), of(c.type()), true));
        }
        return DataTypes.createStructType(fields);
    }
}
