package sediment.core.testutil;

import sediment.core.schema.Schema;
import sediment.core.schema.SchemaSerDe;

import java.nio.charset.StandardCharsets;

/** Schemas that tests use often, written in Sleeper's JSON form as users write them. */
public final class TestSchemas {
    private TestSchemas() {
    }

    /** Row key {@code key} LongType, value {@code value} StringType. */
    public static final String LONG_KEY = """
            {
              "rowKeyFields": [{"name": "key", "type": "LongType"}],
              "valueFields": [{"name": "value", "type": "StringType"}]
            }
            """;

    /** Row key {@code key} StringType, sort key {@code ts} LongType, value {@code value} LongType. */
    public static final String STRING_KEY = """
            {
              "rowKeyFields": [{"name": "key", "type": "StringType"}],
              "sortKeyFields": [{"name": "ts", "type": "LongType"}],
              "valueFields": [{"name": "value", "type": "LongType"}]
            }
            """;

    /** Row keys {@code a} LongType and {@code b} StringType, value {@code value} DoubleType. */
    public static final String TWO_FIELD_KEY = """
            {
              "rowKeyFields": [{"name": "a", "type": "LongType"}, {"name": "b", "type": "StringType"}],
              "valueFields": [{"name": "value", "type": "DoubleType"}]
            }
            """;

    /** Row key {@code key} ByteArrayType. */
    public static final String BYTES_KEY = """
            {
              "rowKeyFields": [{"name": "key", "type": "ByteArrayType"}],
              "valueFields": [{"name": "value", "type": "BooleanType"}]
            }
            """;

    public static Schema parse(String json) {
        return SchemaSerDe.read("test schema", json.getBytes(StandardCharsets.UTF_8));
    }

    public static Schema longKey() {
        return parse(LONG_KEY);
    }

    public static Schema stringKey() {
        return parse(STRING_KEY);
    }

    public static Schema twoFieldKey() {
        return parse(TWO_FIELD_KEY);
    }

    public static Schema bytesKey() {
        return parse(BYTES_KEY);
    }
}
