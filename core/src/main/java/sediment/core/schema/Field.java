package sediment.core.schema;

import java.util.Objects;

/** A named, typed column of a table. */
public record Field(String name, FieldType type) implements java.io.Serializable {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
