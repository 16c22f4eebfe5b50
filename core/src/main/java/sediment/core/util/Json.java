package sediment.core.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.IgnoredPropertyException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import sediment.core.error.InvalidInputException;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The strict JSON mapper Sediment reads user files with, and the one-line errors it gives. */
public final class Json {
    private Json() {
    }

    private static final Pattern MISSING_CREATOR_PROPERTY = Pattern.compile("Missing required creator property '([^']*)'");

    /** Strict: unknown fields, duplicate keys, nulls for primitives and scalar coercions are errors. */
    public static final ObjectMapper MAPPER = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Without this an enum field silently accepts a number as the constant's index.
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        for (LogicalType type : new LogicalType[]{LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean, LogicalType.Float}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }

    /** Reads a whole document into a type, turning every JSON problem into a one-line error naming the source. */
    public static <T> T read(String source, byte[] content, Class<T> type) {
        try {
            return MAPPER.readValue(content, type);
        } catch (JsonProcessingException e) {
            throw describe(source, content, e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * One line: "source line L, column C: what is wrong". Jackson's own messages span lines and
     * name Java classes; users need the field and the place.
     */
    public static InvalidInputException describe(String source, JsonProcessingException e) {
        return describe(source, null, e);
    }

    /**
     * As {@link #describe(String, JsonProcessingException)}, with the document so that an unknown
     * field is located at its name: Jackson reports unknown fields of records at the end of the
     * enclosing object, which in a long file points far from the typo.
     */
    public static InvalidInputException describe(String source, byte[] content, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (content != null && (e instanceof UnrecognizedPropertyException || e instanceof IgnoredPropertyException)) {
            JsonLocation field = locateField(content, ((JsonMappingException) e).getPath());
            loc = field == null ? loc : field;
        }
        String where = source + (loc == null || loc.getLineNr() < 0 ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr());
        return new InvalidInputException(where + ": " + what(e), e);
    }

    private static String what(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            return "unknown field '" + fieldPath(u) + "'" + (known.isEmpty() ? "" : " (expected one of: " + known + ")");
        }
        if (e instanceof IgnoredPropertyException i) {
            return "field '" + fieldPath(i) + "' is not allowed here";
        }
        if (e instanceof InvalidFormatException f) {
            String field = fieldPath(f).isEmpty() ? "the document" : "field '" + fieldPath(f) + "'";
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return field + " has an invalid value " + literal(f.getValue()) + " (expected one of: "
                        + Arrays.stream(target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")) + ")";
            }
            if (target != null && (target == String.class || target.isPrimitive() || Number.class.isAssignableFrom(target)
                    || target == Boolean.class)) {
                // A scalar of the wrong kind that the strict mapper refused to coerce, e.g. 5 for a string.
                return field + " has the wrong type: expected " + describeType(target) + ", got " + literal(f.getValue());
            }
            return field + " has an invalid value " + literal(f.getValue());
        }
        if (e instanceof MismatchedInputException m) {
            if (firstLine(m.getOriginalMessage()).startsWith("No content to map")) {
                return "the document is empty";
            }
            String path = fieldPath(m);
            String expected = m.getTargetType() == null ? "another type" : describeType(m.getTargetType());
            String first = firstLine(m.getOriginalMessage());
            Matcher missing = MISSING_CREATOR_PROPERTY.matcher(first);
            if (missing.find()) {
                String name = missing.group(1);
                String full = path.isEmpty() ? name : path.endsWith(name) ? path : path + "." + name;
                return "required field '" + full + "' is missing";
            }
            if (first.startsWith("Missing required") || first.contains("missing")) {
                return first;
            }
            return (path.isEmpty() ? "the document" : "field '" + path + "'") + " has the wrong type: expected " + expected;
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof InvalidInputException cause) {
            return (fieldPath(m).isEmpty() ? "" : "field '" + fieldPath(m) + "': ") + cause.getMessage();
        }
        // Jackson quotes the document after "[Source:", which may be long or span lines; the location says where.
        String message = firstLine(e.getOriginalMessage()).replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                .replaceAll("\\s*\\[Source:.*$", "");
        return "invalid JSON: " + message;
    }

    /** Where the field name at {@code path} is in the document, or null if it cannot be found. */
    private static JsonLocation locateField(byte[] content, List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/').append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1") : String.valueOf(ref.getIndex()));
        }
        String target = pointer.toString();
        try (JsonParser p = MAPPER.getFactory().createParser(content)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME
                        && p.getParsingContext().pathAsPointer().toString().equals(target)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // The document was parsed once already; if it cannot be scanned again keep Jackson's location.
        }
        return null;
    }

    private static String literal(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
