package sediment.spark.parquet;

import sediment.core.parquet.DataFileSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;
import sediment.core.split.KeySketch;
import sediment.core.split.SketchFiles;
import sediment.spark.SparkSchemas;

import java.util.List;
import java.util.Map;

/**
 * Writes Spark's internal rows of a table's schema to Parquet, with the same file schema Spark's own
 * writer produces for these types (lists and maps in the standard three-level layout, keys required)
 * and Spark's schema in the footer, so Spark reads the files back with exactly the table's types.
 * Each column's writer is chosen once per file, so writing a value is a direct call with no boxing.
 * The row keys of the rows written are sketched as they pass ({@link KeySketch}) and the sketch goes
 * in the footer when the file is finished ({@link SketchFiles#FOOTER_KEY}), for {@code table split --auto}.
 */
public final class RowWriteSupport extends WriteSupport<InternalRow> {
    /** The footer key under which Spark records a file's Spark schema. */
    public static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";

    private final MessageType fileSchema;
    private final String sparkSchemaJson;
    private final String[] names;
    private final ValueWriter[] writers;
    private final List<PrimitiveType> rowKeyTypes;
    private final int[] keyOrdinals;
    private final PrimitiveType[] keyTypes;
    private RecordConsumer out;
    private KeySketch sketch;

    private final Map<String, String> extraMetadata;

    public RowWriteSupport(Schema schema) {
        this(schema, Map.of());
    }

    /** {@code extraMetadata}: further footer entries, such as a data file's {@link sediment.core.parquet.DataFileMetadata}. */
    public RowWriteSupport(Schema schema, Map<String, String> extraMetadata) {
        this.extraMetadata = Map.copyOf(extraMetadata);
        List<Field> fields = schema.allFields();
        this.names = fields.stream().map(Field::name).toArray(String[]::new);
        this.writers = fields.stream().map(f -> writerFor(f.type())).toArray(ValueWriter[]::new);
        this.fileSchema = parquetSchema(schema);
        this.sparkSchemaJson = SparkSchemas.structType(schema).json();
        this.rowKeyTypes = schema.rowKeyTypes();
        this.keyOrdinals = schema.rowKeyFields().stream().mapToInt(f -> SparkSchemas.ordinal(schema, f)).toArray();
        this.keyTypes = rowKeyTypes.toArray(PrimitiveType[]::new);
    }

    /** The Parquet schema of a table's data files. */
    public static MessageType parquetSchema(Schema schema) {
        return DataFileSchema.of(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        Map<String, String> metadata = new java.util.LinkedHashMap<>(extraMetadata);
        metadata.put(SPARK_ROW_METADATA, sparkSchemaJson);
        // One write support per file: init starts the file's sketch.
        this.sketch = KeySketch.empty(rowKeyTypes);
        return new WriteContext(fileSchema, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(InternalRow row) {
        out.startMessage();
        for (int i = 0; i < writers.length; i++) {
            if (!row.isNullAt(i)) {
                out.startField(names[i], i);
                writers[i].write(row, i);
                out.endField(names[i], i);
            }
        }
        out.endMessage();
        for (int d = 0; d < keyOrdinals.length; d++) {
            sketch.update(d, SparkSchemas.keyValue(row, keyOrdinals[d], keyTypes[d]));
        }
    }

    /** Called by parquet-mr as it closes the file: the sketch of all its rows goes in the footer. */
    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(SketchFiles.footerEntry(sketch));
    }

    /** Writes the value at an ordinal of a row or array, known not to be null. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(SpecializedGetters data, int ordinal);
    }

    private ValueWriter writerFor(FieldType type) {
        if (type instanceof PrimitiveType p) {
            return primitiveWriter(p);
        }
        if (type instanceof DecimalType d) {
            return decimalWriter(d);
        }
        if (type instanceof ListType list) {
            ValueWriter element = primitiveWriter(list.elementType());
            return (data, ordinal) -> writeList(data.getArray(ordinal), element);
        }
        MapType map = (MapType) type;
        ValueWriter key = primitiveWriter(map.keyType());
        ValueWriter value = primitiveWriter(map.valueType());
        return (data, ordinal) -> writeMap(data.getMap(ordinal), key, value);
    }

    private ValueWriter primitiveWriter(PrimitiveType type) {
        return switch (type) {
            case INT -> (data, ordinal) -> out.addInteger(data.getInt(ordinal));
            case LONG -> (data, ordinal) -> out.addLong(data.getLong(ordinal));
            case STRING -> (data, ordinal) -> out.addBinary(binary(data.getUTF8String(ordinal)));
            case BYTE_ARRAY -> (data, ordinal) -> out.addBinary(Binary.fromReusedByteArray(data.getBinary(ordinal)));
            case DOUBLE -> (data, ordinal) -> out.addDouble(data.getDouble(ordinal));
            case FLOAT -> (data, ordinal) -> out.addFloat(data.getFloat(ordinal));
            case BOOLEAN -> (data, ordinal) -> out.addBoolean(data.getBoolean(ordinal));
            // Spark holds timestamps as UTC microseconds and dates as epoch days: the data files' INT64 and INT32.
            case TIMESTAMP -> (data, ordinal) -> out.addLong(data.getLong(ordinal));
            case DATE -> (data, ordinal) -> out.addInteger(data.getInt(ordinal));
        };
    }

    /** In the physical type {@link DataFileSchema#decimal} chose for the precision. */
    private ValueWriter decimalWriter(DecimalType type) {
        int p = type.precision();
        int s = type.scale();
        if (p <= 9) {
            return (data, ordinal) -> out.addInteger((int) data.getDecimal(ordinal, p, s).toUnscaledLong());
        }
        if (p <= 18) {
            return (data, ordinal) -> out.addLong(data.getDecimal(ordinal, p, s).toUnscaledLong());
        }
        int length = TypedValues.bytesFor(p);
        return (data, ordinal) -> out.addBinary(Binary.fromConstantByteArray(
                TypedValues.fixedBytes(data.getDecimal(ordinal, p, s).toJavaBigDecimal().unscaledValue(), length)));
    }

    private static Binary binary(UTF8String s) {
        // getBytes may return the row's own buffer; marked reused, Parquet copies whatever it keeps
        // (statistics, dictionary entries).
        return Binary.fromReusedByteArray(s.getBytes());
    }

    private void writeList(ArrayData array, ValueWriter element) {
        out.startGroup();
        int n = array.numElements();
        if (n > 0) {
            out.startField("list", 0);
            for (int i = 0; i < n; i++) {
                out.startGroup();
                if (!array.isNullAt(i)) {
                    out.startField("element", 0);
                    element.write(array, i);
                    out.endField("element", 0);
                }
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
    }

    private void writeMap(MapData map, ValueWriter keyWriter, ValueWriter valueWriter) {
        out.startGroup();
        int n = map.numElements();
        if (n > 0) {
            ArrayData keys = map.keyArray();
            ArrayData values = map.valueArray();
            out.startField("key_value", 0);
            for (int i = 0; i < n; i++) {
                out.startGroup();
                out.startField("key", 0);
                keyWriter.write(keys, i);
                out.endField("key", 0);
                if (!values.isNullAt(i)) {
                    out.startField("value", 1);
                    valueWriter.write(values, i);
                    out.endField("value", 1);
                }
                out.endGroup();
            }
            out.endField("key_value", 0);
        }
        out.endGroup();
    }
}
