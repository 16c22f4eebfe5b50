package sediment.core.partition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import sediment.core.error.InvalidInputException;
import sediment.core.key.KeyOrdering;
import sediment.core.key.KeyText;
import sediment.core.schema.PrimitiveType;
import sediment.core.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads split points for the first row-key field: either a JSON array (a file whose first
 * non-blank character is {@code [}), or one split point per line in the key's text form (see
 * {@link KeyText}). In the line form empty lines are skipped (for numbers and byte arrays also
 * lines of only spaces); an empty string could never be a split point anyway, since no string
 * sorts below it. Split points must be strictly increasing in the key ordering, and every error
 * names the file and the line (and column, for JSON) of the offending split point.
 */
public final class SplitPointsReader {
    private SplitPointsReader() {
    }

    public static List<Object> read(String source, byte[] content, PrimitiveType type) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.stripLeading().startsWith("[")) {
            return readJson(source, text, type);
        }
        List<Object> points = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int previousLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (type == PrimitiveType.STRING ? line.isEmpty() : line.isBlank()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            Object point;
            try {
                point = KeyText.parse(type, line);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": " + e.getMessage());
            }
            check(where, type, points, point, "line " + previousLine);
            points.add(point);
            previousLine = i + 1;
        }
        return points;
    }

    private static List<Object> readJson(String source, String text, PrimitiveType type) {
        boolean number = type == PrimitiveType.INT || type == PrimitiveType.LONG;
        List<Object> points = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            p.nextToken();
            JsonLocation previous = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new InvalidInputException(source + ": invalid JSON: the array is not closed");
                }
                JsonLocation loc = p.currentTokenLocation();
                String where = source + " line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                        + ": split point [" + points.size() + "]";
                boolean expected = number ? t == JsonToken.VALUE_NUMBER_INT : t == JsonToken.VALUE_STRING;
                if (!expected) {
                    String got = t.isScalarValue() ? p.getText() : t == JsonToken.START_OBJECT ? "an object" : "an array";
                    throw new InvalidInputException(where + " must be a JSON " + (number ? "integer" : "string") + " for "
                            + type + (type == PrimitiveType.BYTE_ARRAY ? " (Base64)" : "") + ", got "
                            + (t == JsonToken.VALUE_STRING ? "\"" + got + "\"" : got));
                }
                Object point;
                try {
                    point = KeyText.parse(type, p.getText());
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(where + ": " + e.getMessage());
                }
                check(where, type, points, point,
                        previous == null ? "" : "line " + previous.getLineNr() + ", column " + previous.getColumnNr());
                points.add(point);
                previous = loc;
            }
            if (p.nextToken() != null) {
                JsonLocation loc = p.currentTokenLocation();
                throw new InvalidInputException(source + " line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                        + ": invalid JSON: unexpected content after the array of split points");
            }
        } catch (JsonProcessingException e) {
            throw Json.describe(source, e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        return points;
    }

    /** Split points must be strictly increasing, and the first above the type's smallest value. */
    private static void check(String where, PrimitiveType type, List<Object> before, Object point, String previousWhere) {
        if (before.isEmpty()) {
            if (KeyOrdering.isMinimum(type, point)) {
                throw new InvalidInputException(where + ": split point " + show(type, point) + " is the smallest " + type
                        + " value; no key sorts below it, so the partition below it would always be empty");
            }
            return;
        }
        Object last = before.get(before.size() - 1);
        if (KeyOrdering.compare(type, last, point) >= 0) {
            throw new InvalidInputException(where + ": split points are not in increasing order: " + show(type, point)
                    + " is not greater than the split point before it, " + show(type, last) + " (" + previousWhere + ")");
        }
    }

    private static String show(PrimitiveType type, Object value) {
        return type == PrimitiveType.STRING ? "'" + value + "'" : KeyText.format(type, value);
    }
}
