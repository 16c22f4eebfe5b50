package sediment.core.key;

import sediment.core.error.InvalidInputException;
import sediment.core.schema.PrimitiveType;

import java.util.Base64;

/**
 * The text form of key values, used in split point files, on the command line and in JSON:
 * decimal for ints and longs, the string itself for strings, Base64 for byte arrays.
 */
public final class KeyText {
    private KeyText() {
    }

    public static Object parse(PrimitiveType type, String text) {
        try {
            return switch (type) {
                case INT -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case STRING -> text;
                case BYTE_ARRAY -> Base64.getDecoder().decode(text.trim());
                default -> throw new InvalidInputException(type + " is not a key type");
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + text + "' is not a valid " + type
                    + (type == PrimitiveType.BYTE_ARRAY ? " (expected Base64)" : ""));
        }
    }

    public static String format(PrimitiveType type, Object value) {
        if (value == null) {
            return "null";
        }
        return type == PrimitiveType.BYTE_ARRAY ? Base64.getEncoder().encodeToString((byte[]) value) : value.toString();
    }
}
