package sediment.core.schema;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaSerDeTest {

    private static Schema read(String json) {
        return SchemaSerDe.read("schema.json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the schema expecting failure; the message must be one line containing every fragment. */
    private static String error(String json, String... fragments) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read(json));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        String message = thrown.getMessage();
        assertThat(message).doesNotContain("\n").startsWith("schema.json").contains(fragments);
        return message;
    }

    @Test
    void shouldReadTimestampDateAndDecimalTypesAndWriteThemBack() {
        Schema schema = read("""
                {
                  "rowKeyFields": [{"name": "day", "type": "DateType"}],
                  "sortKeyFields": [{"name": "at", "type": "TimestampType"}],
                  "valueFields": [{"name": "price", "type": {"DecimalType": {"precision": 18, "scale": 4}}}]
                }
                """);
        assertThat(schema.allFields()).containsExactly(new Field("day", PrimitiveType.DATE),
                new Field("at", PrimitiveType.TIMESTAMP), new Field("price", new DecimalType(18, 4)));
        assertThat(SchemaSerDe.fromJson(SchemaSerDe.toJson(schema))).isEqualTo(schema);
        assertThat(SchemaSerDe.toJson(schema).get("valueFields").get(0).get("type").toString())
                .isEqualTo("{\"DecimalType\":{\"precision\":18,\"scale\":4}}");
    }

    @Test
    void shouldRefuseDecimalKeysAndImpossibleDecimals() {
        error("""
                {"rowKeyFields": [{"name": "k", "type": {"DecimalType": {"precision": 10, "scale": 2}}}]}
                """, "key field 'k' has type DecimalType(10,2); keys must be");
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "v", "type": {"DecimalType": {"precision": 39, "scale": 2}}}]}
                """, "DecimalType: precision must be between 1 and 38, not 39");
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "v", "type": {"DecimalType": {"precision": 5}}}]}
                """, "DecimalType: missing 'scale'");
    }

    @Test
    void shouldReadSleepersSchemaJsonWithEveryType() {
        Schema schema = read("""
                {
                  "rowKeyFields": [{"name": "id", "type": "LongType"}, {"name": "region", "type": "StringType"}],
                  "sortKeyFields": [{"name": "ts", "type": "IntType"}, {"name": "raw", "type": "ByteArrayType"}],
                  "valueFields": [
                    {"name": "price", "type": "DoubleType"},
                    {"name": "ratio", "type": "FloatType"},
                    {"name": "active", "type": "BooleanType"},
                    {"name": "tags", "type": {"ListType": {"elementType": "StringType"}}},
                    {"name": "counts", "type": {"MapType": {"keyType": "StringType", "valueType": "LongType"}}}
                  ]
                }
                """);

        assertThat(schema.rowKeyFields()).containsExactly(
                new Field("id", PrimitiveType.LONG), new Field("region", PrimitiveType.STRING));
        assertThat(schema.sortKeyFields()).containsExactly(
                new Field("ts", PrimitiveType.INT), new Field("raw", PrimitiveType.BYTE_ARRAY));
        assertThat(schema.valueFields()).containsExactly(
                new Field("price", PrimitiveType.DOUBLE),
                new Field("ratio", PrimitiveType.FLOAT),
                new Field("active", PrimitiveType.BOOLEAN),
                new Field("tags", new ListType(PrimitiveType.STRING)),
                new Field("counts", new MapType(PrimitiveType.STRING, PrimitiveType.LONG)));
        assertThat(schema.rowKeyTypes()).containsExactly(PrimitiveType.LONG, PrimitiveType.STRING);
        assertThat(schema.allFields()).extracting(Field::name)
                .containsExactly("id", "region", "ts", "raw", "price", "ratio", "active", "tags", "counts");
        assertThat(schema.isKey("ts")).isTrue();
        assertThat(schema.isKey("price")).isFalse();
        assertThat(schema.field("tags")).contains(new Field("tags", new ListType(PrimitiveType.STRING)));
    }

    @Test
    void shouldRoundTripEveryTypeThroughJson() {
        Schema schema = new Schema(
                List.of(new Field("k", PrimitiveType.BYTE_ARRAY)),
                List.of(new Field("s", PrimitiveType.STRING)),
                List.of(new Field("l", new ListType(PrimitiveType.DOUBLE)),
                        new Field("m", new MapType(PrimitiveType.INT, PrimitiveType.BOOLEAN)),
                        new Field("m2", new MapType(PrimitiveType.BYTE_ARRAY, PrimitiveType.FLOAT)),
                        new Field("f", PrimitiveType.FLOAT)));

        assertThat(SchemaSerDe.fromJson(SchemaSerDe.toJson(schema))).isEqualTo(schema);
    }

    @Test
    void shouldWriteListAndMapTypesInSleepersForm() {
        Schema schema = new Schema(List.of(new Field("k", PrimitiveType.LONG)), List.of(),
                List.of(new Field("l", new ListType(PrimitiveType.INT)),
                        new Field("m", new MapType(PrimitiveType.STRING, PrimitiveType.LONG))));

        assertThat(SchemaSerDe.toJson(schema).toString()).isEqualTo("{\"rowKeyFields\":[{\"name\":\"k\",\"type\":\"LongType\"}],"
                + "\"sortKeyFields\":[],"
                + "\"valueFields\":[{\"name\":\"l\",\"type\":{\"ListType\":{\"elementType\":\"IntType\"}}},"
                + "{\"name\":\"m\",\"type\":{\"MapType\":{\"keyType\":\"StringType\",\"valueType\":\"LongType\"}}}]}");
    }

    @Test
    void shouldTreatMissingSortAndValueFieldsAsEmpty() {
        Schema schema = read("{\"rowKeyFields\": [{\"name\": \"k\", \"type\": \"StringType\"}]}");

        assertThat(schema.sortKeyFields()).isEmpty();
        assertThat(schema.valueFields()).isEmpty();
    }

    @Test
    void shouldRejectDuplicateFieldNamesAcrossGroups() {
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "v", "type": "LongType"}, {"name": "k", "type": "StringType"}]}
                """, "field name 'k' is used more than once");
    }

    @Test
    void shouldRejectSchemaWithoutRowKey() {
        error("{\"valueFields\": [{\"name\": \"v\", \"type\": \"LongType\"}]}", "rowKeyFields must name at least one field");
        error("{\"rowKeyFields\": [], \"valueFields\": [{\"name\": \"v\", \"type\": \"LongType\"}]}",
                "rowKeyFields must name at least one field");
    }

    @Test
    void shouldRejectUnknownPrimitiveTypeWithLineColumnAndField() {
        String message = error("""
                {
                  "rowKeyFields": [
                    {"name": "k", "type": "Long"}
                  ]
                }
                """, "line 3, column 27", "field 'rowKeyFields[0].type'", "unknown type 'Long'",
                "IntType, LongType, StringType, ByteArrayType, DoubleType, FloatType, BooleanType");
        assertThat(message).doesNotContain("sediment.", "com.fasterxml");
    }

    @Test
    void shouldRejectUnknownListElementType() {
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "l", "type": {"ListType": {"elementType": "Decimal"}}}]}
                """, "line 2", "field 'valueFields[0].type'", "ListType.elementType: unknown type 'Decimal'");
    }

    @Test
    void shouldRejectUnknownMapValueTypeAndMissingKeyType() {
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "m", "type": {"MapType": {"keyType": "StringType", "valueType": "Nope"}}}]}
                """, "field 'valueFields[0].type'", "MapType.valueType: unknown type 'Nope'");
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "m", "type": {"MapType": {"valueType": "LongType"}}}]}
                """, "MapType: missing 'keyType'");
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "valueFields": [{"name": "m", "type": {"MapType": {"keyType": "IntType", "valueType": "LongType", "x": 1}}}]}
                """, "MapType: unknown field 'x'");
    }

    @Test
    void shouldRejectUnknownTypeShape() {
        error("""
                {"rowKeyFields": [{"name": "k", "type": 5}]}
                """, "field 'rowKeyFields[0].type'", "unknown type 5");
        error("""
                {"rowKeyFields": [{"name": "k", "type": {"SetType": {"elementType": "IntType"}}}]}
                """, "unknown type {\"SetType\"");
    }

    @Test
    void shouldRejectNonKeyTypesAsKeys() {
        error("{\"rowKeyFields\": [{\"name\": \"k\", \"type\": \"DoubleType\"}]}",
                "key field 'k' has type DoubleType; keys must be IntType, LongType, StringType, ByteArrayType, TimestampType or DateType");
        error("""
                {"rowKeyFields": [{"name": "k", "type": "LongType"}],
                 "sortKeyFields": [{"name": "s", "type": {"ListType": {"elementType": "IntType"}}}]}
                """, "key field 's' has type ListType<IntType>");
        error("{\"rowKeyFields\": [{\"name\": \"k\", \"type\": \"BooleanType\"}]}", "key field 'k' has type BooleanType");
    }

    @Test
    void shouldRejectFieldsWithoutNameOrType() {
        error("{\"rowKeyFields\": [{\"type\": \"LongType\"}]}", "rowKeyFields[0] has no name");
        error("{\"rowKeyFields\": [{\"name\": \"k\"}]}", "rowKeyFields[0] ('k') has no type");
        error("{\"rowKeyFields\": [{\"name\": \"k\", \"type\": null}]}", "rowKeyFields[0] ('k') has no type");
        error("{\"rowKeyFields\": [{\"name\": \" \", \"type\": \"LongType\"}]}", "a field has an empty name");
        error("{\"rowKeyFields\": [null]}", "rowKeyFields[0] has no name");
    }

    @Test
    void shouldRejectUnknownTopLevelFieldNamingTheKnownOnes() {
        error("{\"rowKeys\": [{\"name\": \"k\", \"type\": \"LongType\"}]}",
                "line 1, column 2", "unknown field 'rowKeys' (expected one of: rowKeyFields, sortKeyFields, valueFields)");
    }

    @Test
    void shouldLocateAnUnknownFieldAtItsNameNotAtTheEndOfTheObject() {
        error("""
                {
                  "rowKeyFields": [
                    {"name": "k",
                     "typ": "LongType"}
                  ],
                  "valueFields": []
                }
                """, "line 4, column 6", "unknown field 'rowKeyFields[0].typ'");
    }

    @Test
    void shouldRejectUnknownFieldInAField() {
        error("{\"rowKeyFields\": [{\"name\": \"k\", \"type\": \"LongType\", \"nullable\": true}]}",
                "unknown field 'rowKeyFields[0].nullable' (expected one of: name, type)");
    }

    @Test
    void shouldRejectFieldNameThatIsNotAString() {
        error("{\"rowKeyFields\": [{\"name\": 7, \"type\": \"LongType\"}]}",
                "field 'rowKeyFields[0].name' has the wrong type: expected a string, got 7");
    }

    @Test
    void shouldRejectMalformedJsonWithLineAndColumn() {
        error("""
                {
                  "rowKeyFields": [{"name": "k", "type": "LongType"}
                }
                """, "line 3, column 2", "invalid JSON");
    }

    @Test
    void shouldRejectTruncatedAndEmptyFiles() {
        error("{\"rowKeyFields\": [{\"name\": \"k\", ", "invalid JSON", "end-of-input");
        error("", "the document is empty");
        error("[]", "the document has the wrong type: expected an object");
    }

    @Test
    void shouldRejectDuplicateKeysInJson() {
        error("{\"rowKeyFields\": [{\"name\": \"k\", \"type\": \"LongType\", \"type\": \"IntType\"}]}",
                "Duplicate field 'type'");
    }

    @Test
    void shouldRejectSchemaBuiltInCodeWithDuplicateNames() {
        assertThatThrownBy(() -> new Schema(List.of(new Field("a", PrimitiveType.INT)), List.of(new Field("a", PrimitiveType.INT)),
                List.of())).isInstanceOf(InvalidInputException.class).hasMessageContaining("'a' is used more than once");
    }
}
