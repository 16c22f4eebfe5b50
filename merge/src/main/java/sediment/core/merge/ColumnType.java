package sediment.core.merge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The data type of a column in a merge table definition. Names are Deephaven's ({@code String},
 * {@code int}, {@code DateTime}, ...); Spark SQL's names ({@code string}, {@code integer},
 * {@code timestamp}, ...) are accepted as aliases. Spark types are chosen in spark-jobs.
 */
public enum ColumnType {
    STRING("String", "string", "varchar"),
    BOOLEAN("boolean", "bool"),
    BYTE("byte", "tinyint"),
    SHORT("short", "smallint"),
    INT("int", "integer"),
    LONG("long", "bigint"),
    FLOAT("float", "real"),
    DOUBLE("double"),
    /** A calendar date without a time zone (Spark {@code date}). */
    LOCAL_DATE("LocalDate", "date"),
    /** An instant (Spark {@code timestamp}, Parquet INT64 TIMESTAMP(MICROS, UTC)). */
    DATE_TIME("DateTime", "timestamp", "Instant"),
    /** A date and time without a time zone (Spark {@code timestamp_ntz}). */
    LOCAL_DATE_TIME("LocalDateTime", "timestamp_ntz"),
    BINARY("byte[]", "binary");

    private final String name;
    private final List<String> aliases;

    ColumnType(String name, String... aliases) {
        this.name = name;
        this.aliases = List.of(aliases);
    }

    /** The name definitions are written with. */
    public String typeName() {
        return name;
    }

    public static Optional<ColumnType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.name.toLowerCase(Locale.ROOT).equals(t) || c.aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(t)))
                .findFirst();
    }

    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(ColumnType::typeName).toList());
    }

    @Override
    public String toString() {
        return name;
    }
}
