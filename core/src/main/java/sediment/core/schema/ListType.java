package sediment.core.schema;

/** A list of primitive values; written to Parquet as a standard three-level LIST. */
public record ListType(PrimitiveType elementType) implements FieldType {
    @Override
    public String jsonName() {
        return "ListType";
    }

    @Override
    public String toString() {
        return "ListType<" + elementType + ">";
    }
}
