package sediment.core.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.key.KeyJson;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.partition.Range;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.SchemaSerDe;
import sediment.core.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Log entries and snapshots as JSON. Key values are written by their schema type (see
 * {@link KeyJson}), so reading an entry needs the table's schema; the first entry carries it.
 */
public final class TableStateSerDe {
    private TableStateSerDe() {
    }

    /**
     * The entry format this version writes. Entries without the field are format 1 too: they were
     * written before it existed, in the same form.
     */
    public static final int FORMAT_VERSION = 1;

    /**
     * Each transaction's name in the log. These are part of the file format: renaming a class must
     * not change them, so they are spelled out rather than taken from the class.
     */
    static String typeName(Transaction t) {
        if (t instanceof CreateTable) {
            return "CreateTable";
        }
        if (t instanceof SplitPartition) {
            return "SplitPartition";
        }
        if (t instanceof SplitPartitions) {
            return "SplitPartitions";
        }
        if (t instanceof AddFiles) {
            return "AddFiles";
        }
        if (t instanceof ReplaceFiles) {
            return "ReplaceFiles";
        }
        if (t instanceof RevokeRuns) {
            return "RevokeRuns";
        }
        throw new IllegalArgumentException("No log name for transaction " + t);
    }

    public static byte[] writeTransaction(Transaction t, Schema schema) {
        return writeTransaction(t, schema, TablePaths.ABSOLUTE);
    }

    /** An entry, with data file paths under the table's directory written relative to it. */
    public static byte[] writeTransaction(Transaction t, Schema schema, TablePaths paths) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", typeName(t));
        node.put("formatVersion", FORMAT_VERSION);
        if (t.jobId() != null) {
            node.put("jobId", t.jobId());
        }
        if (t.runId() != null) {
            node.put("runId", t.runId());
        }
        List<PrimitiveType> keyTypes = (t instanceof CreateTable create ? create.schema() : schema).rowKeyTypes();
        if (t instanceof CreateTable c) {
            node.set("schema", SchemaSerDe.toJson(c.schema()));
            node.set("partitions", partitionsJson(c.partitions()));
        } else if (t instanceof SplitPartition s) {
            node.put("partitionId", s.partitionId());
            node.put("dimension", s.dimension());
            node.set("splitPoint", KeyJson.toJson(keyTypes.get(s.dimension()), s.splitPoint()));
        } else if (t instanceof SplitPartitions s) {
            ArrayNode splits = node.putArray("splits");
            for (PartitionTree.Split split : s.splits()) {
                ObjectNode n = splits.addObject();
                n.put("partitionId", split.leafId());
                n.put("dimension", split.dimension());
                n.set("splitPoint", KeyJson.toJson(keyTypes.get(split.dimension()), split.at()));
            }
        } else if (t instanceof AddFiles a) {
            node.set("files", filesJson(a.files(), keyTypes, paths));
        } else if (t instanceof ReplaceFiles r) {
            ArrayNode remove = node.putArray("removePaths");
            r.removePaths().forEach(path -> remove.add(paths.relativize(path)));
            node.set("addFiles", filesJson(r.addFiles(), keyTypes, paths));
        } else if (t instanceof RevokeRuns r) {
            ArrayNode runs = node.putArray("runIds");
            r.runIds().forEach(runs::add);
            node.put("reason", r.reason());
        }
        return bytes(node);
    }

    /** Reads an entry; {@code schema} is null only for the first entry, which must create the table. */
    public static Transaction readTransaction(byte[] content, Schema schema) throws IOException {
        return readTransaction(content, schema, TablePaths.ABSOLUTE);
    }

    /** As above, resolving relative data file paths against the table's directory. */
    public static Transaction readTransaction(byte[] content, Schema schema, TablePaths paths) throws IOException {
        JsonNode node = Json.MAPPER.readTree(content);
        String type = requiredText(node, "type");
        int formatVersion = node.has("formatVersion") ? requiredInt(node, "formatVersion") : 1;
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new IOException("a " + type + " entry has format version " + formatVersion + "; this Sediment reads versions 1 to "
                    + FORMAT_VERSION + " (was it written by a newer one?)");
        }
        String jobId = node.hasNonNull("jobId") ? requiredText(node, "jobId") : null;
        String runId = node.hasNonNull("runId") ? requiredText(node, "runId") : null;
        if (type.equals("CreateTable")) {
            Schema created = SchemaSerDe.fromJson(required(node, "schema"));
            return new CreateTable(created, readPartitions(requiredArray(node, "partitions"), created.rowKeyTypes()));
        }
        if (schema == null) {
            throw new IOException("the first log entry is a " + type + ", not CreateTable");
        }
        List<PrimitiveType> keyTypes = schema.rowKeyTypes();
        return switch (type) {
            case "SplitPartition" -> {
                int dimension = requiredInt(node, "dimension");
                if (dimension < 0 || dimension >= keyTypes.size()) {
                    throw new IOException("split dimension " + dimension + " is out of range");
                }
                yield new SplitPartition(requiredText(node, "partitionId"), dimension,
                        KeyJson.fromJson(keyTypes.get(dimension), required(node, "splitPoint")));
            }
            case "SplitPartitions" -> {
                List<PartitionTree.Split> splits = new ArrayList<>();
                for (JsonNode n : requiredArray(node, "splits")) {
                    int dimension = requiredInt(n, "dimension");
                    if (dimension < 0 || dimension >= keyTypes.size()) {
                        throw new IOException("split dimension " + dimension + " is out of range");
                    }
                    splits.add(new PartitionTree.Split(requiredText(n, "partitionId"), dimension,
                            KeyJson.fromJson(keyTypes.get(dimension), required(n, "splitPoint"))));
                }
                if (splits.isEmpty()) {
                    throw new IOException("a SplitPartitions entry has no splits");
                }
                yield new SplitPartitions(splits);
            }
            case "AddFiles" -> new AddFiles(jobId, runId, readFiles(requiredArray(node, "files"), keyTypes, paths));
            case "RevokeRuns" -> new RevokeRuns(texts(requiredArray(node, "runIds"), "runIds[]"),
                    node.hasNonNull("reason") ? requiredText(node, "reason") : null);
            case "ReplaceFiles" -> {
                List<String> remove = new ArrayList<>();
                for (JsonNode n : requiredArray(node, "removePaths")) {
                    remove.add(paths.resolve(text(n, "removePaths[]")));
                }
                yield new ReplaceFiles(jobId, runId, remove, readFiles(requiredArray(node, "addFiles"), keyTypes, paths));
            }
            default -> throw new IOException("unknown transaction type '" + type + "'");
        };
    }

    public static byte[] writeSnapshot(TableState state) {
        return writeSnapshot(state, TablePaths.ABSOLUTE);
    }

    public static byte[] writeSnapshot(TableState state, TablePaths paths) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("table", state.tableName());
        node.put("version", state.version());
        node.set("schema", SchemaSerDe.toJson(state.schema()));
        node.set("partitions", partitionsJson(state.partitions()));
        node.set("files", filesJson(List.copyOf(state.files().values()), state.schema().rowKeyTypes(), paths));
        ArrayNode jobs = node.putArray("committedJobIds");
        state.committedJobIds().forEach(jobs::add);
        ArrayNode revoked = node.putArray("revokedRunIds");
        state.revokedRunIds().forEach(revoked::add);
        return bytes(node);
    }

    public static TableState readSnapshot(String tableName, byte[] content) throws IOException {
        return readSnapshot(tableName, content, TablePaths.ABSOLUTE);
    }

    public static TableState readSnapshot(String tableName, byte[] content, TablePaths paths) throws IOException {
        JsonNode node = Json.MAPPER.readTree(content);
        Schema schema = SchemaSerDe.fromJson(required(node, "schema"));
        TableState.Builder b = new TableState.Builder(tableName);
        b.version = requiredLong(node, "version");
        b.schema = schema;
        b.partitions = readPartitions(requiredArray(node, "partitions"), schema.rowKeyTypes());
        for (FileReference f : readFiles(requiredArray(node, "files"), schema.rowKeyTypes(), paths)) {
            b.files.put(f.path(), f);
        }
        for (JsonNode n : requiredArray(node, "committedJobIds")) {
            b.committedJobIds.add(text(n, "committedJobIds[]"));
        }
        // Absent in snapshots written before runs could be revoked.
        if (node.has("revokedRunIds")) {
            b.revokedRunIds.addAll(texts(requiredArray(node, "revokedRunIds"), "revokedRunIds[]"));
        }
        return b.build();
    }

    private static List<String> texts(JsonNode array, String field) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(text(n, field));
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("missing field '" + field + "'");
        }
        return value;
    }

    // Typed reads: a damaged entry must fail, not read "abc" as 0 or a number as an empty array.

    private static String requiredText(JsonNode node, String field) throws IOException {
        return text(required(node, field), field);
    }

    private static String text(JsonNode value, String field) throws IOException {
        if (!value.isTextual()) {
            throw new IOException("field '" + field + "' must be a string, not " + value);
        }
        return value.textValue();
    }

    private static long requiredLong(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IOException("field '" + field + "' must be an integer, not " + value);
        }
        return value.longValue();
    }

    private static int requiredInt(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IOException("field '" + field + "' must be an integer, not " + value);
        }
        return value.intValue();
    }

    private static JsonNode requiredArray(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw new IOException("field '" + field + "' must be an array, not " + value);
        }
        return value;
    }

    private static ArrayNode partitionsJson(PartitionTree tree) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        List<PrimitiveType> types = tree.rowKeyTypes();
        for (Partition p : tree.sortedById()) {
            ObjectNode n = array.addObject();
            n.put("id", p.id());
            if (p.parentId() != null) {
                n.put("parentId", p.parentId());
            }
            ArrayNode children = n.putArray("childIds");
            p.childIds().forEach(children::add);
            n.put("splitDimension", p.splitDimension());
            ArrayNode region = n.putArray("region");
            for (int d = 0; d < types.size(); d++) {
                ObjectNode r = region.addObject();
                r.set("min", KeyJson.toJson(types.get(d), p.region().get(d).min()));
                r.set("max", KeyJson.toJson(types.get(d), p.region().get(d).max()));
            }
        }
        return array;
    }

    private static PartitionTree readPartitions(JsonNode array, List<PrimitiveType> types) throws IOException {
        List<Partition> partitions = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> children = new ArrayList<>();
            for (JsonNode c : requiredArray(n, "childIds")) {
                children.add(text(c, "childIds[]"));
            }
            List<Range> region = new ArrayList<>();
            JsonNode regionJson = requiredArray(n, "region");
            if (regionJson.size() != types.size()) {
                throw new IOException("partition " + n.get("id") + " has " + regionJson.size() + " ranges for "
                        + types.size() + " row-key fields");
            }
            for (int d = 0; d < types.size(); d++) {
                JsonNode r = regionJson.get(d);
                region.add(new Range(KeyJson.fromJson(types.get(d), r.get("min")), KeyJson.fromJson(types.get(d), r.get("max"))));
            }
            partitions.add(new Partition(requiredText(n, "id"),
                    n.hasNonNull("parentId") ? requiredText(n, "parentId") : null, children, region,
                    requiredInt(n, "splitDimension")));
        }
        try {
            return new PartitionTree(types, partitions);
        } catch (RuntimeException e) {
            throw new IOException("invalid partition tree: " + e.getMessage(), e);
        }
    }

    private static ArrayNode filesJson(List<FileReference> files, List<PrimitiveType> types, TablePaths paths) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (FileReference f : files) {
            ObjectNode n = array.addObject();
            n.put("path", paths.relativize(f.path()));
            n.put("partitionId", f.partitionId());
            n.put("rows", f.rows());
            n.set("minRowKey", keyJson(f.minRowKey(), types));
            n.set("maxRowKey", keyJson(f.maxRowKey(), types));
        }
        return array;
    }

    private static JsonNode keyJson(List<Object> key, List<PrimitiveType> types) {
        if (key == null) {
            return Json.MAPPER.nullNode();
        }
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (int i = 0; i < types.size(); i++) {
            a.add(KeyJson.toJson(types.get(i), key.get(i)));
        }
        return a;
    }

    private static List<FileReference> readFiles(JsonNode array, List<PrimitiveType> types, TablePaths paths) throws IOException {
        List<FileReference> files = new ArrayList<>();
        for (JsonNode n : array) {
            files.add(new FileReference(paths.resolve(requiredText(n, "path")), requiredText(n, "partitionId"),
                    requiredLong(n, "rows"), readKey(n.get("minRowKey"), types), readKey(n.get("maxRowKey"), types)));
        }
        return files;
    }

    private static List<Object> readKey(JsonNode node, List<PrimitiveType> types) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != types.size()) {
            throw new IOException("a file's row key must be an array of " + types.size() + " values, not " + node);
        }
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            key.add(KeyJson.fromJson(types.get(i), node.get(i)));
        }
        return key;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
