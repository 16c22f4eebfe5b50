package sediment.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
                case TIMESTAMP -> DataTypes.TimestampType;
                case DATE -> DataTypes.DateType;
            };
        }
        if (type instanceof DecimalType d) {
            return DataTypes.createDecimalType(d.precision(), d.scale());
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
            case TIMESTAMP -> TypedValues.instant(row.getLong(ordinal));
            case DATE -> TypedValues.date(row.getInt(ordinal));
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    /**
     * A value of an external {@link org.apache.spark.sql.Row} (a key, or a timestamp a merge formula bins) as the Java value core uses: Spark hands timestamps and
     * dates out as {@code java.sql} types unless {@code spark.sql.datetime.java8API.enabled}, and core orders
     * {@code Instant}s and {@code LocalDate}s.
     */
    public static Object keyValue(Object value, PrimitiveType type) {
        if (value instanceof java.sql.Timestamp t && type == PrimitiveType.TIMESTAMP) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Date d && type == PrimitiveType.DATE) {
            return d.toLocalDate();
        }
        if (value instanceof byte[] b) {
            return b.clone();
        }
        return value;
    }

    /**
     * The table type a Spark type stands for, the other way from {@link #dataType}: empty for Spark types
     * no table column has (ByteType, TimestampNTZType, structs, ...).
     */
    public static Optional<FieldType> fieldType(DataType type) {
        if (type instanceof ArrayType a) {
            return primitiveType(a.elementType()).map(ListType::new);
        }
        if (type instanceof org.apache.spark.sql.types.MapType m) {
            Optional<PrimitiveType> key = primitiveType(m.keyType());
            Optional<PrimitiveType> value = primitiveType(m.valueType());
            return key.isPresent() && value.isPresent() ? Optional.of(new MapType(key.get(), value.get())) : Optional.empty();
        }
        if (type instanceof org.apache.spark.sql.types.DecimalType d) {
            return Optional.of(new DecimalType(d.precision(), d.scale()));
        }
        return primitiveType(type).map(p -> p);
    }

    private static Optional<PrimitiveType> primitiveType(DataType type) {
        return Arrays.stream(PrimitiveType.values()).filter(p -> dataType(p).equals(type)).findFirst();
    }

    /**
     * Every way a Spark schema (a Dataset's) does not fit the table, in the words {@link
     * sediment.core.parquet.ParquetSchemas#mismatches} uses for a file: a missing column, or one of another type.
     */
    public static List<String> mismatches(StructType dataset, Schema table) {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> names = java.util.Set.of(dataset.fieldNames());
        for (Field field : table.allFields()) {
            if (!names.contains(field.name())) {
                problems.add("column '" + field.name() + "' is missing");
                continue;
            }
            DataType actual = dataset.apply(field.name()).dataType();
            if (!fieldType(actual).map(t -> t.equals(field.type())).orElse(false)
                    && !sameIgnoringNullability(actual, dataType(field.type()))) {
                problems.add("column '" + field.name() + "' is " + actual.simpleString() + ", expected " + field.type());
            }
        }
        return problems;
    }

    /** Arrays and maps with or without nullable elements hold the same values. */
    private static boolean sameIgnoringNullability(DataType a, DataType b) {
        return a.asNullable().equals(b.asNullable());
    }

    public static int ordinal(Schema schema, Field field) {
        return schema.allFields().indexOf(field);
    }
}
