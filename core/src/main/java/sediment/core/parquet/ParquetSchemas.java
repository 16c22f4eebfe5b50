package sediment.core.parquet;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
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
 * Checks a Parquet file's schema against a table's: every table column must be present with a
 * compatible physical and logical type, and key columns must be required (never null).
 */
public final class ParquetSchemas {
    private ParquetSchemas() {
    }

    /** Every way the file does not fit the table, each a short phrase naming the column. */
    public static List<String> mismatches(MessageType file, Schema table) {
        List<String> problems = new ArrayList<>();
        for (Field field : table.allFields()) {
            if (!file.containsField(field.name())) {
                problems.add("column '" + field.name() + "' is missing");
                continue;
            }
            Type column = file.getType(field.name());
            if (!compatible(column, field.type())) {
                problems.add("column '" + field.name() + "' is " + describe(column) + ", expected " + field.type());
            } else if (table.isKey(field.name()) && column.getRepetition() != Type.Repetition.REQUIRED) {
                problems.add("key column '" + field.name() + "' is " + column.getRepetition().name().toLowerCase()
                        + "; key columns must be required (non-nullable)");
            }
        }
        return problems;
    }

    static boolean compatible(Type column, FieldType type) {
        if (type instanceof PrimitiveType p) {
            return column.isPrimitive() && primitiveMatches(column.asPrimitiveType(), p);
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
        };
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
