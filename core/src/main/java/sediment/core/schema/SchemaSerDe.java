package sediment.core.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.error.InvalidInputException;
import sediment.core.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Schemas in Sleeper's JSON form: {@code rowKeyFields}, {@code sortKeyFields}, {@code valueFields},
 * each a list of {@code {"name", "type"}}. Primitive types are strings ("LongType"); list and map
 * types are objects: {@code {"ListType": {"elementType": "IntType"}}} and
 * {@code {"MapType": {"keyType": "StringType", "valueType": "LongType"}}}; a decimal is an object of
 * the same kind: {@code {"DecimalType": {"precision": 18, "scale": 4}}}.
 */
public final class SchemaSerDe {
    private SchemaSerDe() {
    }

    /** The file's shape. Field types are decoded while parsing, so a bad type is reported with its line and column. */
    private record SchemaJson(List<FieldJson> rowKeyFields, List<FieldJson> sortKeyFields, List<FieldJson> valueFields) {
    }

    private record FieldJson(String name, @JsonDeserialize(using = TypeDeserializer.class) FieldType type) {
    }

    /** Decodes a field type where it stands; Jackson adds the field path and {@link Json} the location. */
    private static final class TypeDeserializer extends JsonDeserializer<FieldType> {
        @Override
        public FieldType deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            JsonNode node = ctxt.readTree(p);
            try {
                return type(node, "");
            } catch (InvalidInputException e) {
                throw new TypeException(p, start, e);
            }
        }
    }

    /** Carries the problem to {@link Json#describe}, located at the start of the type rather than its end. */
    private static final class TypeException extends JsonMappingException {
        TypeException(JsonParser p, JsonLocation start, InvalidInputException problem) {
            super(p, problem.getMessage(), problem);
            _location = start;
        }
    }

    public static Schema read(String source, byte[] content) {
        SchemaJson json = Json.read(source, content, SchemaJson.class);
        try {
            return new Schema(fields(json.rowKeyFields(), "rowKeyFields"), fields(json.sortKeyFields(), "sortKeyFields"),
                    fields(json.valueFields(), "valueFields"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }

    private static List<Field> fields(List<FieldJson> json, String group) {
        if (json == null) {
            return List.of();
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            FieldJson f = json.get(i);
            String where = group + "[" + i + "]";
            if (f == null || f.name() == null) {
                throw new InvalidInputException("field " + where + " has no name");
            }
            if (f.type() == null) {
                throw new InvalidInputException("field " + where + " ('" + f.name() + "') has no type");
            }
            fields.add(new Field(f.name(), f.type()));
        }
        return fields;
    }

    /** {@code where} is the position inside the type ("" for the type itself), for messages. */
    private static FieldType type(JsonNode node, String where) {
        if (node.isTextual()) {
            return primitive(node.asText(), where);
        }
        if (node.isObject() && node.size() == 1) {
            String kind = node.fieldNames().next();
            JsonNode body = node.get(kind);
            if (kind.equals("ListType")) {
                expectOnly(body, "ListType", "elementType");
                return new ListType(primitive(text(body, "elementType", "ListType"), "ListType.elementType"));
            }
            if (kind.equals("DecimalType")) {
                expectOnly(body, "DecimalType", "precision", "scale");
                return new DecimalType(integer(body, "precision"), integer(body, "scale"));
            }
            if (kind.equals("MapType")) {
                expectOnly(body, "MapType", "keyType", "valueType");
                return new MapType(primitive(text(body, "keyType", "MapType"), "MapType.keyType"),
                        primitive(text(body, "valueType", "MapType"), "MapType.valueType"));
            }
        }
        throw new InvalidInputException(prefix(where) + "unknown type " + node + "; expected one of " + knownTypes()
                + ", {\"DecimalType\": {\"precision\": …, \"scale\": …}}, {\"ListType\": {\"elementType\": …}}"
                + " or {\"MapType\": {\"keyType\": …, \"valueType\": …}}");
    }

    private static String prefix(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    private static void expectOnly(JsonNode body, String kind, String... fields) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(kind + ": expected an object with " + String.join(" and ", fields));
        }
        List<String> allowed = List.of(fields);
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new InvalidInputException(kind + ": unknown field '" + name + "' (expected " + String.join(" and ", fields) + ")");
            }
        });
    }

    private static String text(JsonNode body, String field, String where) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(where + ": missing '" + field + "'" + (value == null ? "" : " (got " + value + ")"));
        }
        return value.asText();
    }

    private static int integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidInputException("DecimalType: missing '" + field + "'" + (value == null ? "" : " (got " + value + ")"));
        }
        return value.intValue();
    }

    private static PrimitiveType primitive(String name, String where) {
        return PrimitiveType.fromJsonName(name).orElseThrow(() -> new InvalidInputException(
                prefix(where) + "unknown type '" + name + "'; expected one of " + knownTypes()));
    }

    private static String knownTypes() {
        return Arrays.stream(PrimitiveType.values()).map(PrimitiveType::jsonName).collect(Collectors.joining(", "));
    }

    public static ObjectNode toJson(Schema schema) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("rowKeyFields", fieldsJson(schema.rowKeyFields()));
        root.set("sortKeyFields", fieldsJson(schema.sortKeyFields()));
        root.set("valueFields", fieldsJson(schema.valueFields()));
        return root;
    }

    public static Schema fromJson(JsonNode node) {
        try {
            return read("schema", Json.MAPPER.writeValueAsBytes(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode fieldsJson(List<Field> fields) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Field f : fields) {
            ObjectNode node = array.addObject();
            node.put("name", f.name());
            if (f.type() instanceof PrimitiveType p) {
                node.put("type", p.jsonName());
            } else if (f.type() instanceof DecimalType d) {
                ObjectNode body = node.putObject("type").putObject("DecimalType");
                body.put("precision", d.precision());
                body.put("scale", d.scale());
            } else if (f.type() instanceof ListType l) {
                node.putObject("type").putObject("ListType").put("elementType", l.elementType().jsonName());
            } else if (f.type() instanceof MapType m) {
                ObjectNode body = node.putObject("type").putObject("MapType");
                body.put("keyType", m.keyType().jsonName());
                body.put("valueType", m.valueType().jsonName());
            }
        }
        return array;
    }
}
