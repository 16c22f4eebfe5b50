package sediment.core.table;

import java.util.List;

/**
 * A data file the table holds: where it is, the partition its rows belong to, how many rows it has
 * and the smallest and largest row key in it (one value per row-key field).
 */
public record FileReference(String path, String partitionId, long rows, List<Object> minRowKey, List<Object> maxRowKey) {
    public FileReference {
        minRowKey = minRowKey == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(minRowKey));
        maxRowKey = maxRowKey == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(maxRowKey));
    }
}
