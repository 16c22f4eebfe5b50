package sediment.core.schema;

/** A map from primitive keys to primitive values; written to Parquet as a standard MAP. */
public record MapType(PrimitiveType keyType, PrimitiveType valueType) implements FieldType {
    @Override
    public String jsonName() {
        return "MapType";
    }

    @Override
    public String toString() {
        return "MapType<" + keyType + "," + valueType + ">";
    }
}
