package sediment.core.merge;

import sediment.core.error.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The seed's command-line form of merge options: {@code name=value} words after the positional
 * arguments, e.g. {@code sortColumn=Timestamp force=true lowHeapUsage=true codec=ZSTD}. Both the
 * seed's MergeIntradayData names ({@code sortColumn}, {@code tableDef}, {@code lowHeapUsageMode},
 * {@code mergeFormat}, {@code parquetCodec}) and its builder option names are accepted, ignoring case.
 */
public final class MergeArguments {
    private MergeArguments() {
    }

    private static final Map<String, BiConsumer<MergeOptions.Builder, String>> SETTERS = new LinkedHashMap<>();

    static {
        text((b, v) -> b.partitionColumnValue(v), "partitionColumnValue");
        text((b, v) -> b.partitionColumnFormula(v), "partitionColumnFormula");
        text((b, v) -> b.sortColumnFormula(v), "sortColumnFormula", "sortColumn");
        text((b, v) -> b.tableDef(v), "tableDef");
        text((b, v) -> b.storageFormat(v), "storageFormat", "mergeFormat");
        text((b, v) -> b.codecName(v), "codecName", "parquetCodec", "codec");
        integer((b, v) -> b.threadPoolSize(v), "threadPoolSize");
        integer((b, v) -> b.maximumConcurrentColumns(v), "maximumConcurrentColumns");
        bool((b, v) -> b.lowHeapUsage(v), "lowHeapUsage", "lowHeapUsageMode");
        bool((b, v) -> b.force(v), "force");
        bool((b, v) -> b.allowEmptyInput(v), "allowEmptyInput");
        bool((b, v) -> b.lateCleanup(v), "lateCleanup");
        bool((b, v) -> b.validate(v), "validate");
        bool((b, v) -> b.deleteIntraday(v), "deleteIntraday");
    }

    private static void text(BiConsumer<MergeOptions.Builder, String> setter, String... names) {
        for (String n : names) {
            SETTERS.put(n.toLowerCase(Locale.ROOT), setter);
        }
    }

    private interface IntSetter {
        void set(MergeOptions.Builder b, int v);
    }

    private interface BoolSetter {
        void set(MergeOptions.Builder b, boolean v);
    }

    private static void integer(IntSetter setter, String name) {
        SETTERS.put(name.toLowerCase(Locale.ROOT), (b, v) -> {
            try {
                setter.set(b, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Option " + name + "=" + v + ": expected a whole number");
            }
        });
    }

    private static void bool(BoolSetter setter, String... names) {
        for (String name : names) {
            SETTERS.put(name.toLowerCase(Locale.ROOT), (b, v) -> {
                String t = v.trim().toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new InvalidInputException("Option " + name + "=" + v + ": expected true or false");
                }
                setter.set(b, Boolean.parseBoolean(t));
            });
        }
    }

    /** The names accepted, in their documented spelling. */
    public static List<String> names() {
        return List.of("partitionColumnValue", "partitionColumnFormula", "sortColumnFormula (sortColumn)", "tableDef",
                "storageFormat (mergeFormat)", "codecName (parquetCodec, codec)", "threadPoolSize", "maximumConcurrentColumns",
                "lowHeapUsage (lowHeapUsageMode)", "force", "allowEmptyInput", "lateCleanup", "validate", "deleteIntraday");
    }

    /** Applies {@code name=value} words in order; a later word wins over an earlier one. */
    public static MergeOptions.Builder apply(MergeOptions.Builder builder, List<String> words) {
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("Option '" + word + "' is not name=value, e.g. sortColumn=Timestamp or force=true");
            }
            String name = word.substring(0, eq).trim();
            BiConsumer<MergeOptions.Builder, String> setter = SETTERS.get(name.toLowerCase(Locale.ROOT));
            if (setter == null) {
                throw new InvalidInputException("Unknown merge option '" + name + "' (known: " + String.join(", ", names()) + ")");
            }
            setter.accept(builder, word.substring(eq + 1));
        }
        return builder;
    }
}
