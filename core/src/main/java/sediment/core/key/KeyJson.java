package sediment.core.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import sediment.core.schema.PrimitiveType;

import java.util.Base64;

/**
 * Key values in JSON: numbers as JSON numbers, strings as strings, byte arrays as Base64, timestamps
 * and dates as their ISO-8601 text ({@link KeyText}), unbounded as null.
 */
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
            case TIMESTAMP, DATE -> f.textNode(KeyText.format(type, value));
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    /**
     * Reads a value written by {@link #toJson}; a node of the wrong kind (text for a number, a number
     * too large for an int, a byte array that is not Base64) is an {@link IllegalArgumentException},
     * never a silent 0 or null.
     */
    public static Object fromJson(PrimitiveType type, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        boolean ok = switch (type) {
            case INT -> node.isIntegralNumber() && node.canConvertToInt();
            case LONG -> node.isIntegralNumber() && node.canConvertToLong();
            case STRING, BYTE_ARRAY, TIMESTAMP, DATE -> node.isTextual();
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
        if (!ok) {
            throw new IllegalArgumentException("expected a value of type " + type + ", got " + node);
        }
        return switch (type) {
            case INT -> node.intValue();
            case LONG -> node.longValue();
            case STRING -> node.textValue();
            case TIMESTAMP, DATE -> text(type, node.textValue());
            default -> decodeBase64(node.textValue());
        };
    }

    private static Object text(PrimitiveType type, String text) {
        try {
            return KeyText.parse(type, text);
        } catch (sediment.core.error.InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a value of type ByteArrayType in Base64, got \"" + text + "\"", e);
        }
    }
}
