package sediment.core.split;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import sediment.core.parquet.DataFileSchema;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.storage.Storage;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key sketch of a data file. Its writer records it in the file's own footer ({@link #FOOTER_KEY}); a
 * file without that entry (written before writers recorded it, or by another writer) has its sketch
 * kept beside it as {@code <data file>.sketch} instead: read once (its row-key columns only) and the
 * sketch written, created only if absent, so that the next split reads the sketch instead (a data file's
 * footer is never rewritten). A sketch file belongs to its data file: gc keeps it exactly as long as it
 * keeps the data file.
 */
public final class SketchFiles {
    public static final String SUFFIX = ".sketch";
    /** The footer key-value entry holding a data file's sketch: base64 (RFC 4648, padded) of {@link KeySketch#toBytes}. */
    public static final String FOOTER_KEY = "sediment.key.sketch";

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

    /** The footer entry recording a file's sketch, for a writer to add to the footer as it finishes the file. */
    public static Map<String, String> footerEntry(KeySketch sketch) {
        return Map.of(FOOTER_KEY, Base64.getEncoder().encodeToString(sketch.toBytes()));
    }

    /** What a sketch lookup found and whether it had to read the data file. */
    public record Found(KeySketch sketch, boolean computed) {
    }

    /**
     * The file's sketch: from its footer, else from the sketch file beside it, else computed from its rows
     * and stored beside it. A damaged footer entry or sketch file counts as none.
     */
    public Found sketchOf(String dataFile) throws IOException {
        Optional<KeySketch> inFooter = footerSketch(dataFile);
        if (inFooter.isPresent()) {
            return new Found(inFooter.get(), false);
        }
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

    /**
     * The sketch the file's writer recorded in its footer, or empty when there is none or it is damaged.
     * Reads the footer only (its row groups' metadata skipped), never a data page.
     */
    public Optional<KeySketch> footerSketch(String dataFile) throws IOException {
        String value;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(dataFile), conf),
                HadoopReadOptions.builder(conf).withMetadataFilter(ParquetMetadataConverter.SKIP_ROW_GROUPS).build())) {
            value = reader.getFileMetaData().getKeyValueMetaData().get(FOOTER_KEY);
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeySketch.fromBytes(schema.rowKeyTypes(), Base64.getDecoder().decode(value)));
        } catch (IllegalArgumentException damaged) {
            // Not base64, or not a sketch of this row key: as if there were none.
            return Optional.empty();
        }
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
