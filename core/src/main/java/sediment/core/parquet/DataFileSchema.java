package sediment.core.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;

/**
 * The Parquet schema of a table's data files, whoever writes them (the Spark bulk import, the
 * standard ingest): the layout Spark's own writer gives these types, with lists and maps in the
 * standard three-level form and key columns required; timestamps as INT64 TIMESTAMP(MICROS, UTC)
 * (never INT96), dates as INT32 DATE, decimals as DECIMAL(p, s).
 */
public final class DataFileSchema {
    /** Spark names the message of the files it writes so; readers ignore the name, and matching it costs nothing. */
    public static final String MESSAGE_NAME = "spark_schema";

    private DataFileSchema() {
    }

    public static MessageType of(Schema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : schema.allFields()) {
            Type.Repetition repetition = schema.isKey(field.name()) ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            message.addField(type(field.name(), field.type(), repetition));
        }
        return message.named(MESSAGE_NAME);
    }

    private static Type type(String name, FieldType type, Type.Repetition repetition) {
        if (type instanceof PrimitiveType p) {
            return primitive(p, repetition).named(name);
        }
        if (type instanceof DecimalType d) {
            return decimal(d, repetition).named(name);
        }
        if (type instanceof ListType list) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(primitive(list.elementType(), Type.Repetition.OPTIONAL).named("element"))
                            .named("list"))
                    .named(name);
        }
        MapType map = (MapType) type;
        return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                .addField(Types.repeatedGroup()
                        .addField(primitive(map.keyType(), Type.Repetition.REQUIRED).named("key"))
                        .addField(primitive(map.valueType(), Type.Repetition.OPTIONAL).named("value"))
                        .named("key_value"))
                .named(name);
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(PrimitiveType type,
                                                                                              Type.Repetition repetition) {
        return switch (type) {
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition);
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case BYTE_ARRAY -> Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
        };
    }

    /** As Spark writes decimals: INT32 up to 9 digits, INT64 up to 18, fixed-length bytes above. */
    public static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> decimal(DecimalType type,
                                                                                           Type.Repetition repetition) {
        LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
        if (type.precision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal);
        }
        if (type.precision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(TypedValues.bytesFor(type.precision()))
                .as(decimal);
    }
}
