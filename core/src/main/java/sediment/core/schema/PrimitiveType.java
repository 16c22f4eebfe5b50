package sediment.core.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * Types holding one value, with no parameters. Int, long, string and byte array can be keys (Sleeper's
 * key types), and so can timestamp and date. Java values: Integer, Long, String, byte[], Double, Float,
 * Boolean, {@link java.time.Instant} (microsecond precision, UTC) and {@link java.time.LocalDate}.
 * Decimals have parameters and are {@link DecimalType}.
 */
public enum PrimitiveType implements FieldType {
    INT("IntType", true),
    LONG("LongType", true),
    STRING("StringType", true),
    BYTE_ARRAY("ByteArrayType", true),
    DOUBLE("DoubleType", false),
    FLOAT("FloatType", false),
    BOOLEAN("BooleanType", false),
    /** An instant on the UTC time line, to the microsecond: Spark's TimestampType, Parquet's TIMESTAMP(MICROS, true). */
    TIMESTAMP("TimestampType", true),
    /** A calendar day with no time zone: Spark's DateType, Parquet's DATE. */
    DATE("DateType", true);

    private final String jsonName;
    private final boolean keyType;

    PrimitiveType(String jsonName, boolean keyType) {
        this.jsonName = jsonName;
        this.keyType = keyType;
    }

    @Override
    public String jsonName() {
        return jsonName;
    }

    public boolean isKeyType() {
        return keyType;
    }

    public static Optional<PrimitiveType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
