package sediment.core.parquet;

import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a Parquet file's footer against a table's schema: every table column must be present with a
 * compatible physical and logical type, and key columns must never be null. A key column may be
 * optional (nullable, as Spark's, DuckDB's and pyarrow's writers leave every column) when each row
 * group's statistics show it holds no nulls; where a row group has no null count, the file is
 * returned as one its reader must check row by row.
 */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    /**
     * What a footer says about a file: its problems, each a short phrase naming the column, and the
     * optional key columns whose statistics do not say whether they hold nulls.
     */
    public record FooterCheck(List<String> problems, List<String> keyColumnsToCheck) {
        public FooterCheck {
            problems = List.copyOf(problems);
            keyColumnsToCheck = List.copyOf(keyColumnsToCheck);
        }
    }

    public static FooterCheck check(ParquetMetadata footer, Schema table) {
        MessageType file = footer.getFileMetaData().getSchema();
        List<String> problems = new ArrayList<>(mismatches(file, table));
        List<String> toCheck = new ArrayList<>();
        for (Field key : keys(table)) {
            if (!file.containsField(key.name()) || file.getType(key.name()).getRepetition() == Type.Repetition.REQUIRED
                    || !file.getType(key.name()).isPrimitive()) {
                continue;
            }
            long nulls = 0;
            boolean unknown = false;
            for (BlockMetaData block : footer.getBlocks()) {
                Optional<Statistics<?>> stats = block.getColumns().stream()
                        .filter(c -> c.getPath().size() == 1 && c.getPath().toArray()[0].equals(key.name()))
                        .findFirst().map(ColumnChunkMetaData::getStatistics);
                if (block.getRowCount() == 0) {
                    continue;
                }
                if (stats.isEmpty() || !stats.get().isNumNullsSet()) {
                    unknown = true;
                } else {
                    nulls += stats.get().getNumNulls();
                }
            }
            if (nulls > 0) {
                problems.add("key column '" + key.name() + "' holds " + nulls + " null" + (nulls == 1 ? "" : "s")
                        + "; key columns cannot be null");
            } else if (unknown) {
                toCheck.add(key.name());
            }
        }
        return new FooterCheck(problems, toCheck);
    }

    private static List<Field> keys(Schema table) {
        List<Field> keys = new ArrayList<>(table.rowKeyFields());
        keys.addAll(table.sortKeyFields());
        return keys;
    }

    /** The message a reader gives for a null it finds in a key column the footer could not vouch for. */
    public static String nullKeyMessage(String file, String column) {
        return file + ": key column '" + column + "' holds a null; key columns cannot be null";
    }

    /**
     * Every way the file's schema does not fit the table, each a short phrase naming the column. Nulls in
     * optional key columns are a matter for {@link #check}, which has the statistics.
     */
    public static List<String> mismatches(MessageType file, Schema table) {
        List<String> problems = new ArrayList<>();
        for (Field field : table.allFields()) {
            if (!file.containsField(field.name())) {
                problems.add("column '" + field.name() + "' is missing");
                continue;
            }
            Type column = file.getType(field.name());
            if (!compatible(column, field.type())) {
                problems.add("column '" + field.name() + "' is " + describe(column) + ", expected " + field.type()
                        + hint(column, field.type()));
            } else if (table.isKey(field.name()) && column.getRepetition() == Type.Repetition.REPEATED) {
                problems.add("key column '" + field.name() + "' is repeated; key columns hold one value per row");
            }
        }
        return problems;
    }

    static boolean compatible(Type column, FieldType type) {
        if (type instanceof PrimitiveType p) {
            return column.isPrimitive() && primitiveMatches(column.asPrimitiveType(), p);
        }
        if (type instanceof DecimalType d) {
            return column.isPrimitive() && decimalMatches(column.asPrimitiveType(), d);
        }
        if (type instanceof ListType list) {
            return elementOfList(column).map(e -> e.isPrimitive() && primitiveMatches(e.asPrimitiveType(), list.elementType()))
                    .orElse(false);
        }
        if (type instanceof MapType map) {
            Optional<GroupType> kv = keyValueOfMap(column);
            return kv.isPresent() && kv.get().getFieldCount() == 2
                    && kv.get().getType(0).isPrimitive() && primitiveMatches(kv.get().getType(0).asPrimitiveType(), map.keyType())
                    && kv.get().getType(1).isPrimitive() && primitiveMatches(kv.get().getType(1).asPrimitiveType(), map.valueType());
        }
        return false;
    }

    private static boolean primitiveMatches(org.apache.parquet.schema.PrimitiveType column, PrimitiveType type) {
        PrimitiveTypeName physical = column.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
        return switch (type) {
            case INT -> physical == PrimitiveTypeName.INT32 && (logical == null || isSignedInt(logical, 32));
            case LONG -> physical == PrimitiveTypeName.INT64 && (logical == null || isSignedInt(logical, 64));
            case STRING -> physical == PrimitiveTypeName.BINARY
                    && logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
            case BYTE_ARRAY -> physical == PrimitiveTypeName.BINARY && logical == null;
            case DOUBLE -> physical == PrimitiveTypeName.DOUBLE;
            case FLOAT -> physical == PrimitiveTypeName.FLOAT;
            case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN;
            // INT96 is what Spark writes by default (spark.sql.parquet.outputTimestampType); it is always UTC.
            case TIMESTAMP -> physical == PrimitiveTypeName.INT96 && logical == null
                    || physical == PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation t
                    && t.isAdjustedToUTC() && t.getUnit() != LogicalTypeAnnotation.TimeUnit.NANOS;
            case DATE -> physical == PrimitiveTypeName.INT32 && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
        };
    }

    /** Any of Parquet's four decimal encodings, with exactly the table's precision and scale. */
    private static boolean decimalMatches(org.apache.parquet.schema.PrimitiveType column, DecimalType type) {
        PrimitiveTypeName physical = column.getPrimitiveTypeName();
        return (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64
                || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY || physical == PrimitiveTypeName.BINARY)
                && column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                && d.getPrecision() == type.precision() && d.getScale() == type.scale();
    }

    /** Says why a near miss misses, where the type alone does not make it plain. */
    private static String hint(Type column, FieldType type) {
        if (type == PrimitiveType.TIMESTAMP && column.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation t) {
            if (!t.isAdjustedToUTC()) {
                return " (the file's timestamps are local date-times with no time zone; TimestampType holds UTC instants:"
                        + " write them as UTC, e.g. TIMESTAMPTZ in DuckDB or pa.timestamp('us', tz='UTC') in pyarrow)";
            }
            if (t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS) {
                return " (nanoseconds; TimestampType holds microseconds: write MICROS or MILLIS)";
            }
        }
        return "";
    }

    private static boolean isSignedInt(LogicalTypeAnnotation logical, int bits) {
        return logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned() && i.getBitWidth() == bits;
    }

    private static Optional<Type> elementOfList(Type column) {
        if (column.isPrimitive() || !(column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            return Optional.empty();
        }
        GroupType list = column.asGroupType();
        if (list.getFieldCount() != 1) {
            return Optional.empty();
        }
        Type repeated = list.getType(0);
        if (repeated.isPrimitive()) {
            return Optional.of(repeated);
        }
        GroupType g = repeated.asGroupType();
        return g.getFieldCount() == 1 ? Optional.of(g.getType(0)) : Optional.empty();
    }

    private static Optional<GroupType> keyValueOfMap(Type column) {
        if (column.isPrimitive() || !(column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)) {
            return Optional.empty();
        }
        GroupType map = column.asGroupType();
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive()) {
            return Optional.empty();
        }
        return Optional.of(map.getType(0).asGroupType());
    }

    private static String describe(Type column) {
        if (!column.isPrimitive()) {
            LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
            return "a group" + (logical == null ? "" : " (" + logical + ")");
        }
        org.apache.parquet.schema.PrimitiveType p = column.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return p.getPrimitiveTypeName() + (logical == null ? "" : " (" + logical + ")");
    }
}
