package sediment.spark.read;

import sediment.core.error.InvalidInputException;

import java.util.Map;
import java.util.OptionalLong;

/** The options of a read: {@code path} (the table's directory) and {@code versionAsOf}, as in Delta. */
final class ReadOptions {
    static final String PATH = "path";
    static final String VERSION_AS_OF = "versionAsOf";
    static final String TIMESTAMP_AS_OF = "timestampAsOf";

    private ReadOptions() {
    }

    /** The table directory; options are case-insensitive as Spark passes them. */
    static String path(Map<String, String> options) {
        if (get(options, "paths") != null) {
            throw new InvalidInputException("Cannot read several Sediment tables in one load: give one table directory");
        }
        String path = get(options, PATH);
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("No Sediment table given: use spark.read.format(\"sediment\").load(TABLE_DIR),"
                    + " with the table's directory, e.g. s3a://bucket/instance/tables/events");
        }
        return path;
    }

    static OptionalLong version(Map<String, String> options) {
        if (get(options, TIMESTAMP_AS_OF) != null) {
            throw new InvalidInputException("Option " + TIMESTAMP_AS_OF + " is not supported: Sediment's log records"
                    + " versions, not times; use " + VERSION_AS_OF + " (see 'sediment table describe --version N')");
        }
        return parseVersion(get(options, VERSION_AS_OF));
    }

    static OptionalLong parseVersion(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 1) {
                return OptionalLong.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("Invalid " + VERSION_AS_OF + " '" + value + "': a log version, 1 or more");
    }

    private static String get(Map<String, String> options, String key) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
