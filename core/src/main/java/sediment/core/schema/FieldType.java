package sediment.core.schema;

/**
 * The type of a field, named as in Sleeper's schema JSON. Primitive types may be keys (all but
 * double, float and boolean); decimal, list and map types may only be values.
 */
public sealed interface FieldType extends java.io.Serializable permits PrimitiveType, DecimalType, ListType, MapType {

    /** The name used in schema JSON for primitive types, or the wrapper key for list and map. */
    String jsonName();

    default boolean canBeKey() {
        return this instanceof PrimitiveType p && p.isKeyType();
    }
}
