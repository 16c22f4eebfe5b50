package sediment.core.partition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import sediment.core.error.InvalidInputException;
import sediment.core.key.KeyText;
import sediment.core.schema.PrimitiveType;
import sediment.core.util.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads split points for the first row-key field: either a JSON array, or one split point per line
 * in the key's text form (see {@link KeyText}). Blank lines are ignored in the line format only for
 * non-string keys, since an empty string is a valid string split point... except that it can never
 * lie strictly inside a range, so blank lines are always ignored.
 */
public final class SplitPointsReader {
    private SplitPointsReader() {
    }

    public static List<Object> read(String source, byte[] content, PrimitiveType type) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.stripLeading().startsWith("[")) {
            return readJson(source, content, type);
        }
        List<Object> points = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            try {
                points.add(KeyText.parse(type, line));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return points;
    }

    private static List<Object> readJson(String source, byte[] content, PrimitiveType type) {
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw Json.describe(source, e);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage());
        }
        if (!array.isArray()) {
            throw new InvalidInputException(source + ": expected a JSON array of split points");
        }
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            boolean number = type == PrimitiveType.INT || type == PrimitiveType.LONG;
            if (number ? !node.isIntegralNumber() : !node.isTextual()) {
                throw new InvalidInputException(source + ": split point [" + i + "] must be a JSON "
                        + (number ? "integer" : "string") + " for " + type + ", got " + node);
            }
            try {
                points.add(KeyText.parse(type, node.asText()));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": split point [" + i + "]: " + e.getMessage());
            }
        }
        return points;
    }
}
