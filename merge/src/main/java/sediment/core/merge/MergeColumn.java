package sediment.core.merge;

/** One column of a merge table definition. */
public record MergeColumn(String name, ColumnType type, ColumnRole role) {
    public boolean isPartitioning() {
        return role == ColumnRole.Partitioning;
    }

    public boolean isGrouping() {
        return role == ColumnRole.Grouping;
    }
}
