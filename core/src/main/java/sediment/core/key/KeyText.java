package sediment.core.key;

import sediment.core.error.InvalidInputException;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.TypedValues;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import java.util.Base64;

/**
 * The text form of key values, used in split point files, on the command line and in JSON:
 * decimal for ints and longs, the string itself for strings, Base64 for byte arrays, ISO-8601 for
 * timestamps ({@code 2026-11-21T10:15:30.123456Z}; an offset such as {@code +01:00} is accepted and
 * converted to UTC) and dates ({@code 2026-11-21}).
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
                case TIMESTAMP -> timestamp(text);
                case DATE -> date(text);
                default -> throw new InvalidInputException(type + " is not a key type");
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInputException("'" + text + "' is not a valid " + type + expected(type));
        }
    }

    private static String expected(PrimitiveType type) {
        return switch (type) {
            case BYTE_ARRAY -> " (expected Base64)";
            case TIMESTAMP -> " (expected ISO-8601 such as 2026-11-21T10:15:30.123456Z)";
            case DATE -> " (expected ISO-8601 such as 2026-11-21)";
            default -> "";
        };
    }

    private static Instant timestamp(String text) {
        Instant instant = DateTimeFormatter.ISO_INSTANT.parse(text.trim(), Instant::from);
        String problem = TypedValues.timestampProblem(instant);
        if (problem != null) {
            throw new InvalidInputException("'" + text + "' " + problem);
        }
        return instant;
    }

    private static LocalDate date(String text) {
        LocalDate date = LocalDate.parse(text.trim());
        String problem = TypedValues.dateProblem(date);
        if (problem != null) {
            throw new InvalidInputException("'" + text + "' " + problem);
        }
        return date;
    }

    public static String format(PrimitiveType type, Object value) {
        if (value == null) {
            return "null";
        }
        return switch (type) {
            case BYTE_ARRAY -> Base64.getEncoder().encodeToString((byte[]) value);
            case TIMESTAMP -> DateTimeFormatter.ISO_INSTANT.format((Instant) value);
            default -> value.toString();
        };
    }
}
