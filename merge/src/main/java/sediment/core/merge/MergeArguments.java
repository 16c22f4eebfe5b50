package sediment.core.merge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import sediment.core.error.InvalidInputException;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's command-line form of merge options: {@code name=value} words after the positional
 * arguments, e.g. {@code sortColumn=Timestamp force=true lowHeapUsage=true codec=ZSTD}. The names
 * are {@link MergeOptions}' own, plus the seed's MergeIntradayData spellings ({@code sortColumn},
 * {@code lowHeapUsageMode}, {@code mergeFormat}, {@code parquetCodec}, {@code codec}), ignoring
 * case. The words become a JSON object that Jackson reads into the options' setters, as it reads
 * job specs, so the two cannot disagree on names, types or defaults.
 */
public final class MergeArguments {
    private MergeArguments() {
    }

    /** The seed's MergeIntradayData names that differ from the builder's. */
    private static final Map<String, String> SEED_SPELLINGS = Map.of(
            "sortColumn", "sortColumnFormula",
            "lowHeapUsageMode", "lowHeapUsage",
            "mergeFormat", "storageFormat",
            "parquetCodec", "codecName",
            "codec", "codecName");

    private static final Map<String, RecordComponent> OPTIONS = new LinkedHashMap<>();
    private static final Map<String, String> BY_LOWER_CASE_NAME = new LinkedHashMap<>();

    static {
        for (RecordComponent c : MergeOptions.class.getRecordComponents()) {
            OPTIONS.put(c.getName(), c);
            BY_LOWER_CASE_NAME.put(c.getName().toLowerCase(Locale.ROOT), c.getName());
        }
        SEED_SPELLINGS.forEach((seed, name) -> BY_LOWER_CASE_NAME.put(seed.toLowerCase(Locale.ROOT), name));
    }

    /** Words are text, so unlike job specs they may spell numbers and booleans as strings; but not as nothing. */
    private static final ObjectMapper WORDS = wordsMapper();

    private static ObjectMapper wordsMapper() {
        ObjectMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }

    /** The names accepted, in their documented spelling. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : OPTIONS.keySet()) {
            List<String> seed = SEED_SPELLINGS.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                    .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
            names.add(seed.isEmpty() ? name : name + " (" + String.join(", ", seed) + ")");
        }
        return names;
    }

    /** Applies {@code name=value} words in order over what {@code builder} holds; a later word wins over an earlier one. */
    public static <B extends MergeOptions.Setters<B>> B apply(B builder, List<String> words) {
        ObjectNode values = WORDS.createObjectNode();
        Map<String, String> wordOf = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Option '" + word + "' is not name=value, e.g. sortColumn=Timestamp or force=true");
            }
            String given = word.substring(0, eq).trim();
            String name = BY_LOWER_CASE_NAME.get(given.toLowerCase(Locale.ROOT));
            if (name == null) {
                throw new InvalidInputException("Unknown merge option '" + given + "' (known: " + String.join(", ", names()) + ")");
            }
            String value = word.substring(eq + 1).trim();
            // The seed accepts TRUE and True alike; Jackson only some spellings.
            values.put(name, OPTIONS.get(name).getType() == boolean.class ? value.toLowerCase(Locale.ROOT) : value);
            wordOf.put(name, word);
        }
        try {
            return WORDS.readerForUpdating(builder).readValue(values);
        } catch (MismatchedInputException e) {
            String name = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new InvalidInputException("Option " + wordOf.getOrDefault(name, name) + ": expected " + expected(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new InvalidInputException("Options " + String.join(" ", words) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a value of type " + (type == null ? "unknown" : type.getSimpleName());
    }
}
