package sediment.core.schema;

import java.util.Arrays;
import java.util.Optional;

/** Types holding one value. Int, long, string and byte array can be keys (Sleeper's key types). */
public enum PrimitiveType implements FieldType {
    INT("IntType", true),
    LONG("LongType", true),
    STRING("StringType", true),
    BYTE_ARRAY("ByteArrayType", true),
    DOUBLE("DoubleType", false),
    FLOAT("FloatType", false),
    BOOLEAN("BooleanType", false);

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
