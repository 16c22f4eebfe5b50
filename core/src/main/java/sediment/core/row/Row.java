package sediment.core.row;

import sediment.core.error.InvalidInputException;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a table, keyed by the table's schema: a value per field in schema order (row keys, sort
 * keys, then values). Values are {@code Integer}, {@code Long}, {@code String}, {@code byte[]},
 * {@code Double}, {@code Float}, {@code Boolean}, {@code java.time.Instant} (whole microseconds),
 * {@code java.time.LocalDate}, {@code java.math.BigDecimal} (set to its column's scale when that
 * needs no rounding), a {@code List} of the primitive ones, or a {@code Map} of them;
 * null stands for a missing value and is refused for key fields. Build one with {@link #builder}.
 */
public final class Row {
    private final Object[] values;

    private Row(Object[] values) {
        this.values = values;
    }

    /** A row from values already in schema order and of the right types, e.g. as a Parquet reader produces them. */
    public static Row ofTrusted(Object[] values) {
        return new Row(values);
    }

    public Object get(int index) {
        return values[index];
    }

    public int size() {
        return values.length;
    }

    public static Builder builder(Schema schema) {
        return new Builder(schema);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.deepEquals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }

    /** Builds rows of one schema, checking each value's type as it is set. Reusable: {@link #build} starts afresh. */
    public static final class Builder {
        private final Schema schema;
        private final List<Field> fields;
        private final Map<String, Integer> index = new HashMap<>();
        private Object[] values;

        private Builder(Schema schema) {
            this.schema = schema;
            this.fields = schema.allFields();
            for (int i = 0; i < fields.size(); i++) {
                index.put(fields.get(i).name(), i);
            }
            this.values = new Object[fields.size()];
        }

        public Builder set(String field, Object value) {
            Integer i = index.get(field);
            if (i == null) {
                throw new InvalidInputException("The table has no field '" + field + "' (fields: "
                        + String.join(", ", index.keySet()) + ")");
            }
            FieldType type = fields.get(i).type();
            if (value != null && type instanceof DecimalType decimal && value instanceof BigDecimal d) {
                BigDecimal fitted = TypedValues.fit(decimal, d);
                if (fitted == null) {
                    throw new InvalidInputException("Field '" + field + "' is " + type + "; " + d.toPlainString() + " does not fit it"
                            + " without rounding (at most " + decimal.precision() + " digits, " + decimal.scale() + " after the point)");
                }
                value = fitted;
            } else if (value != null && !fits(type, value)) {
                throw new InvalidInputException("Field '" + field + "' is " + type + ", not "
                        + value.getClass().getSimpleName() + " (" + value + ")");
            }
            String problem = value == null ? null : problem(value);
            if (problem != null) {
                throw new InvalidInputException("Field '" + field + "': " + value + " " + problem);
            }
            values[i] = value;
            return this;
        }

        public Row build() {
            for (Field key : schema.rowKeyFields()) {
                requireKey(key);
            }
            for (Field key : schema.sortKeyFields()) {
                requireKey(key);
            }
            Row row = new Row(values);
            values = new Object[fields.size()];
            return row;
        }

        private void requireKey(Field key) {
            if (values[index.get(key.name())] == null) {
                throw new InvalidInputException("Key field '" + key.name() + "' has no value; key fields cannot be null");
            }
        }

        private static String problem(Object value) {
            if (value instanceof Instant instant) {
                return TypedValues.timestampProblem(instant);
            }
            if (value instanceof LocalDate date) {
                return TypedValues.dateProblem(date);
            }
            if (value instanceof List<?> list) {
                return list.stream().filter(e -> e != null).map(Builder::problem).filter(p -> p != null).findFirst().orElse(null);
            }
            if (value instanceof Map<?, ?> map) {
                return map.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .filter(e -> e != null).map(Builder::problem).filter(p -> p != null).findFirst().orElse(null);
            }
            return null;
        }

        private static boolean fits(FieldType type, Object value) {
            if (type instanceof PrimitiveType p) {
                return fitsPrimitive(p, value);
            }
            if (type instanceof DecimalType) {
                return false;
            }
            if (type instanceof ListType list) {
                return value instanceof List<?> l && l.stream().allMatch(e -> e == null || fitsPrimitive(list.elementType(), e));
            }
            MapType map = (MapType) type;
            return value instanceof Map<?, ?> m && m.entrySet().stream().allMatch(e -> e.getKey() != null
                    && fitsPrimitive(map.keyType(), e.getKey()) && (e.getValue() == null || fitsPrimitive(map.valueType(), e.getValue())));
        }

        private static boolean fitsPrimitive(PrimitiveType type, Object value) {
            return switch (type) {
                case INT -> value instanceof Integer;
                case LONG -> value instanceof Long;
                case STRING -> value instanceof String;
                case BYTE_ARRAY -> value instanceof byte[];
                case DOUBLE -> value instanceof Double;
                case FLOAT -> value instanceof Float;
                case BOOLEAN -> value instanceof Boolean;
                case TIMESTAMP -> value instanceof Instant;
                case DATE -> value instanceof LocalDate;
            };
        }
    }
}
