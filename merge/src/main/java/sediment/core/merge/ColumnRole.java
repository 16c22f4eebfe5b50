package sediment.core.merge;

import java.util.Arrays;
import java.util.Optional;

/** Deephaven's {@code columnType}: how a merge uses a column. */
public enum ColumnRole {
    /** The column partition: its value (usually a date) names the intraday and historical directories. */
    Partitioning,
    /** Rows with equal values of all grouping columns are written together, largest group first. */
    Grouping,
    /** Any other column. */
    Normal;

    public static Optional<ColumnRole> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(text == null ? "" : text.trim())).findFirst();
    }
}
