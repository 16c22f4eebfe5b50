package sediment.core.parquet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.key.KeyJson;
import sediment.core.partition.Partition;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.util.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The key-value entries in every data file's footer, so that a file found on its own says what it
 * is: the table, the leaf partition and its region, the job and run that wrote it, and the order its
 * rows are in. parquet-mr 1.13 cannot write a row group's {@code sorting_columns} (its
 * {@code BlockMetaData} has no place for them), so the order is an entry here instead. Writers add one
 * more entry as they close a file, once its rows are known: the key sketch ({@link sediment.core.split.SketchFiles#FOOTER_KEY}).
 */
public final class DataFileMetadata {
    public static final String TABLE = "sediment.table";
    public static final String LEAF = "sediment.leaf";
    /** The leaf's region as JSON: per row key field, {@code {"field", "min", "max"}} (min inclusive, max exclusive, null unbounded). */
    public static final String REGION = "sediment.region";
    public static final String JOB = "sediment.job";
    public static final String RUN = "sediment.run";
    /** The columns rows are sorted by, comma-separated, each ascending: the row keys, then the sort keys. */
    public static final String SORTING_COLUMNS = "sediment.sorting_columns";

    private DataFileMetadata() {
    }

    public static Map<String, String> of(String table, Schema schema, Partition leaf, String jobId, String runId) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(TABLE, table);
        entries.put(LEAF, leaf.id());
        entries.put(REGION, region(schema, leaf));
        entries.put(JOB, jobId);
        entries.put(RUN, runId);
        entries.put(SORTING_COLUMNS, String.join(",", sortingColumns(schema)));
        return entries;
    }

    public static List<String> sortingColumns(Schema schema) {
        return Stream.concat(schema.rowKeyFields().stream(), schema.sortKeyFields().stream()).map(Field::name).toList();
    }

    private static String region(Schema schema, Partition leaf) {
        ArrayNode ranges = Json.MAPPER.createArrayNode();
        List<Field> keys = schema.rowKeyFields();
        for (int d = 0; d < keys.size(); d++) {
            PrimitiveType type = (PrimitiveType) keys.get(d).type();
            ObjectNode range = ranges.addObject();
            range.put("field", keys.get(d).name());
            range.set("min", KeyJson.toJson(type, leaf.region().get(d).min()));
            range.set("max", KeyJson.toJson(type, leaf.region().get(d).max()));
        }
        return ranges.toString();
    }
}
