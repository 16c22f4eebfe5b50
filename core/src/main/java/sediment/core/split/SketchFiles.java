package sediment.core.split;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import sediment.core.parquet.DataFileSchema;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.storage.Storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The key sketch of a data file, kept beside it as {@code <data file>.sketch}. A file without one is read
 * once (its row-key columns only) and its sketch written, created only if absent, so that the next split
 * reads the sketch instead. A sketch file belongs to its data file: gc keeps it exactly as long as it keeps
 * the data file.
 */
public final class SketchFiles {
    public static final String SUFFIX = ".sketch";

    private final Storage storage;
    private final Configuration conf;
    private final Schema schema;

    public SketchFiles(Storage storage, Configuration conf, Schema schema) {
        this.storage = storage;
        this.conf = conf;
        this.schema = schema;
    }

    public static String sketchPath(String dataFile) {
        return dataFile + SUFFIX;
    }

    /** The data file a sketch file belongs to, or empty for any other file. */
    public static Optional<String> dataFileOf(String path) {
        return path.endsWith(".parquet" + SUFFIX) ? Optional.of(path.substring(0, path.length() - SUFFIX.length()))
                : Optional.empty();
    }

    /** What a sketch lookup found and whether it had to read the data file. */
    public record Found(KeySketch sketch, boolean computed) {
    }

    /** The file's sketch, read from beside it, or computed from its rows and stored there. */
    public Found sketchOf(String dataFile) throws IOException {
        String path = sketchPath(dataFile);
        Optional<byte[]> stored = storage.readIfExists(path);
        if (stored.isPresent()) {
            try {
                return new Found(KeySketch.fromBytes(schema.rowKeyTypes(), stored.get()), false);
            } catch (IllegalArgumentException damaged) {
                // Derived data: a damaged sketch is recomputed (and not replaced, since files are never overwritten).
                return new Found(compute(dataFile), true);
            }
        }
        KeySketch sketch = compute(dataFile);
        storage.createIfAbsent(path, sketch.toBytes());
        return new Found(sketch, true);
    }

    /** Reads the row-key columns of a data file into a sketch. */
    public KeySketch compute(String dataFile) throws IOException {
        List<Field> keys = schema.rowKeyFields();
        MessageType full = DataFileSchema.of(schema);
        Types.MessageTypeBuilder projection = Types.buildMessage();
        for (Field f : keys) {
            projection.addField(full.getType(f.name()));
        }
        Configuration readConf = new Configuration(conf);
        readConf.set(ReadSupport.PARQUET_READ_SCHEMA, projection.named(DataFileSchema.MESSAGE_NAME).toString());
        KeySketch sketch = KeySketch.empty(schema.rowKeyTypes());
        List<PrimitiveType> types = schema.rowKeyTypes();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(dataFile))
                .withConf(readConf).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                for (int d = 0; d < keys.size(); d++) {
                    sketch.update(d, value(row, d, types.get(d)));
                }
            }
        }
        return sketch;
    }

    private static Object value(Group row, int field, PrimitiveType type) {
        return switch (type) {
            case INT -> row.getInteger(field, 0);
            case LONG -> row.getLong(field, 0);
            case STRING -> row.getString(field, 0);
            case BYTE_ARRAY -> row.getBinary(field, 0).getBytes();
            // Stored as Spark stores them (INT64 microseconds, INT32 days); sketched as KeyOrdering orders them.
            case TIMESTAMP -> sediment.core.schema.TypedValues.instant(row.getLong(field, 0));
            case DATE -> sediment.core.schema.TypedValues.date(row.getInteger(field, 0));
            default -> throw new IllegalArgumentException(type + " is not a row-key type");
        };
    }
}
