package sediment.core.merge;

/** One column of a merge table definition; {@code decimal} holds a DECIMAL column's precision and scale, and is null otherwise. */
public record MergeColumn(String name, ColumnType type, ColumnRole role, sediment.core.schema.DecimalType decimal) {
    public MergeColumn(String name, ColumnType type, ColumnRole role) {
        this(name, type, role, null);
    }

    /** The type as definitions write it: {@code BigDecimal(18,4)} for decimals, the type's name otherwise. */
    public String typeText() {
        return decimal == null ? type.typeName() : type.typeName() + "(" + decimal.precision() + "," + decimal.scale() + ")";
    }

    public boolean isPartitioning() {
        return role == ColumnRole.Partitioning;
    }

    public boolean isGrouping() {
        return role == ColumnRole.Grouping;
    }
}
