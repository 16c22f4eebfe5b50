package sediment.core.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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

import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/** The strict JSON mapper Sediment reads user files with, and the one-line errors it gives. */
public final class Json {
    private Json() {
    }

    /** Strict: unknown fields, duplicate keys, nulls for primitives and scalar coercions are errors. */
    public static final ObjectMapper MAPPER = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        } catch (UnrecognizedPropertyException e) {
            // Records are read through a buffer, so Jackson reports the end of the object; point at the field.
            JsonLocation field = locateField(content, e.getPath());
            String where = source + (field == null ? "" : " line " + field.getLineNr() + ", column " + field.getColumnNr());
            throw new InvalidInputException(where + ": " + what(e), e);
        } catch (JsonProcessingException e) {
            throw describe(source, e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * One line: "source line L, column C: what is wrong". Jackson's own messages span lines and
     * name Java classes; users need the field and the place.
     */
    public static InvalidInputException describe(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
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
            return "field '" + fieldPath(f) + "' has the wrong type: expected "
                    + (f.getTargetType() == null ? "another type" : describeType(f.getTargetType())) + ", got " + f.getValue();
        }
        if (e instanceof MismatchedInputException m) {
            String path = fieldPath(m);
            String expected = m.getTargetType() == null ? "another type" : describeType(m.getTargetType());
            String first = firstLine(m.getOriginalMessage());
            if (first.startsWith("Missing required") || first.contains("missing")) {
                return first;
            }
            return (path.isEmpty() ? "the document" : "field '" + path + "'") + " has the wrong type: expected " + expected;
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof InvalidInputException cause) {
            return (fieldPath(m).isEmpty() ? "" : "field '" + fieldPath(m) + "': ") + cause.getMessage();
        }
        return "invalid JSON: " + firstLine(e.getOriginalMessage());
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
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
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

    /** Where the field at {@code path} starts, found by walking the document's tokens. */
    private static JsonLocation locateField(byte[] content, List<JsonMappingException.Reference> path) {
        try (JsonParser parser = MAPPER.getFactory().createParser(content)) {
            Deque<String> current = new ArrayDeque<>();
            List<String> wanted = path.stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .toList();
            Deque<Integer> arrayIndex = new ArrayDeque<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        List<String> here = new java.util.ArrayList<>(current);
                        here.add(parser.currentName());
                        if (here.equals(wanted)) {
                            return parser.currentTokenLocation();
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String name = parser.getParsingContext().getParent() == null ? null
                                : parser.getParsingContext().getParent().inArray()
                                ? "[" + parser.getParsingContext().getParent().getCurrentIndex() + "]"
                                : parser.getParsingContext().getParent().getCurrentName();
                        if (name != null) {
                            current.addLast(name);
                        }
                        arrayIndex.push(name == null ? 0 : 1);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (!arrayIndex.isEmpty() && arrayIndex.pop() == 1) {
                            current.pollLast();
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
