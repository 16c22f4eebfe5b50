package sediment.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

/** A table schema as a Spark schema: keys non-nullable, columns in the table's order. */
public final class SparkSchemas {
    private SparkSchemas() {
    }

    public static StructType structType(Schema schema) {
        StructField[] fields = schema.allFields().stream()
                .map(f -> DataTypes.createStructField(f.name(), dataType(f.type()), !schema.isKey(f.name())))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(fields);
    }

    public static DataType dataType(FieldType type) {
        if (type instanceof PrimitiveType p) {
            return switch (p) {
                case INT -> DataTypes.IntegerType;
                case LONG -> DataTypes.LongType;
                case STRING -> DataTypes.StringType;
                case BYTE_ARRAY -> DataTypes.BinaryType;
                case DOUBLE -> DataTypes.DoubleType;
                case FLOAT -> DataTypes.FloatType;
                case BOOLEAN -> DataTypes.BooleanType;
            };
        }
        if (type instanceof ListType l) {
            return DataTypes.createArrayType(dataType(l.elementType()), true);
        }
        MapType m = (MapType) type;
        return DataTypes.createMapType(dataType(m.keyType()), dataType(m.valueType()), true);
    }

    /** Reads one key value out of Spark's internal row format as the Java value core uses. */
    public static Object keyValue(org.apache.spark.sql.catalyst.InternalRow row, int ordinal, PrimitiveType type) {
        return switch (type) {
            case INT -> row.getInt(ordinal);
            case LONG -> row.getLong(ordinal);
            case STRING -> row.getUTF8String(ordinal).toString();
            case BYTE_ARRAY -> row.getBinary(ordinal).clone();
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    public static int ordinal(Schema schema, Field field) {
        return schema.allFields().indexOf(field);
    }
}
