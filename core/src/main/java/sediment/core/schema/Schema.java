package sediment.core.schema;

import sediment.core.error.InvalidInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table's columns in Sleeper's model: row keys decide the partition a row goes to, sort keys
 * order rows with equal row keys, values are carried along. Keys are never null.
 */
public record Schema(List<Field> rowKeyFields, List<Field> sortKeyFields, List<Field> valueFields)
        implements java.io.Serializable {

    public Schema {
        rowKeyFields = List.copyOf(rowKeyFields);
        sortKeyFields = List.copyOf(sortKeyFields);
        valueFields = List.copyOf(valueFields);
        validate(rowKeyFields, sortKeyFields, valueFields);
    }

    private static void validate(List<Field> rowKeys, List<Field> sortKeys, List<Field> values) {
        if (rowKeys.isEmpty()) {
            throw new InvalidInputException("Invalid schema: rowKeyFields must name at least one field");
        }
        Set<String> names = new HashSet<>();
        for (Field field : concat(rowKeys, sortKeys, values)) {
            if (field.name().isBlank()) {
                throw new InvalidInputException("Invalid schema: a field has an empty name");
            }
            if (!names.add(field.name())) {
                throw new InvalidInputException("Invalid schema: field name '" + field.name() + "' is used more than once");
            }
        }
        for (Field key : concat(rowKeys, sortKeys, List.of())) {
            if (!key.type().canBeKey()) {
                throw new InvalidInputException("Invalid schema: key field '" + key.name() + "' has type " + key.type()
                        + "; keys must be IntType, LongType, StringType, ByteArrayType, TimestampType or DateType");
            }
        }
    }

    private static List<Field> concat(List<Field> a, List<Field> b, List<Field> c) {
        List<Field> all = new ArrayList<>(a.size() + b.size() + c.size());
        all.addAll(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /** Every field: row keys, then sort keys, then values. This is the column order of data files. */
    public List<Field> allFields() {
        return concat(rowKeyFields, sortKeyFields, valueFields);
    }

    public List<String> rowKeyFieldNames() {
        return rowKeyFields.stream().map(Field::name).toList();
    }

    public List<PrimitiveType> rowKeyTypes() {
        return rowKeyFields.stream().map(f -> (PrimitiveType) f.type()).toList();
    }

    public Optional<Field> field(String name) {
        return allFields().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public boolean isKey(String name) {
        return rowKeyFields.stream().anyMatch(f -> f.name().equals(name))
                || sortKeyFields.stream().anyMatch(f -> f.name().equals(name));
    }
}
