package sediment.core.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.key.KeyJson;
import sediment.core.key.KeyText;
import sediment.core.partition.Partition;
import sediment.core.partition.Range;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.util.Json;

import java.util.Comparator;
import java.util.List;

/**
 * What {@code sediment table describe} prints. The JSON form is a stable interface that scripts use
 * (docs/cli.md): table, partitions with region per row-key field (min inclusive, max exclusive,
 * null when unbounded), and files with absolute paths.
 */
public final class TableDescription {
    private TableDescription() {
    }

    public static ObjectNode json(TableState state) {
        return json(state, null);
    }

    /**
     * @param location the table's directory, what {@code spark.read.format("sediment").load(...)} takes; left out when
     *                 null
     */
    public static ObjectNode json(TableState state, String location) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("table", state.tableName());
        if (location != null) {
            root.put("location", location);
        }
        root.put("version", state.version());
        root.set("schema", sediment.core.schema.SchemaSerDe.toJson(state.schema()));
        ArrayNode partitions = root.putArray("partitions");
        List<Field> keys = state.schema().rowKeyFields();
        for (Partition p : state.partitions().sortedById()) {
            ObjectNode n = partitions.addObject();
            n.put("id", p.id());
            if (p.parentId() == null) {
                n.putNull("parentId");
            } else {
                n.put("parentId", p.parentId());
            }
            n.put("leaf", p.isLeaf());
            ObjectNode region = n.putObject("region");
            for (int d = 0; d < keys.size(); d++) {
                PrimitiveType type = (PrimitiveType) keys.get(d).type();
                Range r = p.region().get(d);
                ObjectNode range = region.putObject(keys.get(d).name());
                range.set("min", KeyJson.toJson(type, r.min()));
                range.set("max", KeyJson.toJson(type, r.max()));
            }
        }
        ArrayNode files = root.putArray("files");
        state.files().values().stream().sorted(Comparator.comparing(FileReference::partitionId).thenComparing(FileReference::path))
                .forEach(f -> {
                    ObjectNode n = files.addObject();
                    n.put("path", f.path());
                    n.put("partitionId", f.partitionId());
                    n.put("rows", f.rows());
                    n.set("minRowKey", keyObject(keys, f.minRowKey()));
                    n.set("maxRowKey", keyObject(keys, f.maxRowKey()));
                });
        return root;
    }

    /** A row key as an object by field name, as partition regions are written; null when the log does not know it. */
    private static com.fasterxml.jackson.databind.JsonNode keyObject(List<Field> keys, List<Object> key) {
        if (key == null) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        for (int d = 0; d < keys.size(); d++) {
            n.set(keys.get(d).name(), KeyJson.toJson((PrimitiveType) keys.get(d).type(), key.get(d)));
        }
        return n;
    }

    /** A human-readable summary: one line per leaf with its range, file count and rows. */
    public static String text(TableState state) {
        return text(state, null);
    }

    /** As {@link #text(TableState)}, with the table's directory on a line of its own when it is given. */
    public static String text(TableState state, String location) {
        StringBuilder sb = new StringBuilder();
        List<Field> keys = state.schema().rowKeyFields();
        List<Partition> leaves = state.partitions().leaves();
        sb.append("Table ").append(state.tableName()).append(" (version ").append(state.version()).append(")\n");
        if (location != null) {
            sb.append("Location: ").append(location).append("\n");
        }
        sb.append("  row keys: ").append(String.join(", ", keys.stream().map(f -> f.name() + " " + f.type()).toList())).append('\n');
        if (!state.schema().sortKeyFields().isEmpty()) {
            sb.append("  sort keys: ").append(String.join(", ", state.schema().sortKeyFields().stream().map(f -> f.name() + " " + f.type()).toList())).append('\n');
        }
        sb.append("  values: ").append(String.join(", ", state.schema().valueFields().stream().map(f -> f.name() + " " + f.type()).toList())).append('\n');
        sb.append("  partitions: ").append(state.partitions().all().size()).append(" (").append(leaves.size()).append(" leaves)\n");
        sb.append("  files: ").append(state.files().size()).append(", rows: ").append(state.totalRows()).append('\n');
        sb.append(String.format("  %-12s %-40s %6s %12s%n", "leaf", "region", "files", "rows"));
        // Files committed before their partition was split stay on it; list those partitions too, so the lines add up.
        // Files grouped once: a scan of every file per partition would cost leaves × files on large tables.
        java.util.Map<String, List<FileReference>> byPartition = new java.util.HashMap<>();
        state.files().values().forEach(f -> byPartition.computeIfAbsent(f.partitionId(), id -> new java.util.ArrayList<>()).add(f));
        List<Partition> shown = new java.util.ArrayList<>(leaves);
        state.partitions().sortedById().stream().filter(p -> !p.isLeaf())
                .filter(p -> byPartition.containsKey(p.id())).forEach(shown::add);
        for (Partition leaf : shown) {
            List<FileReference> files = byPartition.getOrDefault(leaf.id(), List.of());
            StringBuilder region = new StringBuilder();
            for (int d = 0; d < keys.size(); d++) {
                PrimitiveType type = (PrimitiveType) keys.get(d).type();
                Range r = leaf.region().get(d);
                if (d > 0) {
                    region.append(' ');
                }
                region.append(keys.get(d).name()).append(" [").append(r.min() == null ? "-inf" : KeyText.format(type, r.min()))
                        .append(", ").append(r.max() == null ? "+inf" : KeyText.format(type, r.max())).append(')');
            }
            sb.append(String.format("  %-12s %-40s %6d %12d%n", leaf.isLeaf() ? leaf.id() : leaf.id() + " (split)", region, files.size(),
                    files.stream().mapToLong(FileReference::rows).sum()));
        }
        return sb.toString();
    }
}
