package sediment.core.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import sediment.core.schema.PrimitiveType;

import java.util.Base64;

/** Key values in JSON: numbers as JSON numbers, strings as strings, byte arrays as Base64, unbounded as null. */
public final class KeyJson {
    private KeyJson() {
    }

    public static JsonNode toJson(PrimitiveType type, Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        return switch (type) {
            case INT -> f.numberNode((Integer) value);
            case LONG -> f.numberNode((Long) value);
            case STRING -> f.textNode((String) value);
            case BYTE_ARRAY -> f.textNode(Base64.getEncoder().encodeToString((byte[]) value));
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    public static Object fromJson(PrimitiveType type, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (type) {
            case INT -> node.intValue();
            case LONG -> node.longValue();
            case STRING -> node.textValue();
            case BYTE_ARRAY -> Base64.getDecoder().decode(node.textValue());
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }
}
