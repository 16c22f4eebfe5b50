package sediment.ingest.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import sediment.core.parquet.DataFileSchema;
import sediment.core.row.Row;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Row}s of a table's schema to Parquet in the data file layout every writer of a table
 * uses ({@link DataFileSchema}), so files from the standard ingest and from the Spark bulk import are
 * read alike. Each column's writer is chosen once per file. The row keys are sketched as they pass and the
 * sketch goes in the footer when the file is finished ({@link SketchFiles#FOOTER_KEY}).
 */
public final class CoreRowWriteSupport extends WriteSupport<Row> {
    private final MessageType fileSchema;
    private final Map<String, String> metadata;
    private final String[] names;
    private final ValueWriter[] writers;
    private final List<PrimitiveType> rowKeyTypes;
    private RecordConsumer out;
    private KeySketch sketch;

    public CoreRowWriteSupport(Schema schema, Map<String, String> metadata) {
        List<Field> fields = schema.allFields();
        this.names = fields.stream().map(Field::name).toArray(String[]::new);
        this.writers = fields.stream().map(f -> writerFor(f.type())).toArray(ValueWriter[]::new);
        this.fileSchema = DataFileSchema.of(schema);
        this.metadata = Map.copyOf(metadata);
        // The row-key fields come first in a row.
        this.rowKeyTypes = schema.rowKeyTypes();
    }

    @Override
    public WriteContext init(Configuration configuration) {
        // One write support per file: init starts the file's sketch.
        this.sketch = KeySketch.empty(rowKeyTypes);
        return new WriteContext(fileSchema, metadata);
    }

    /** Called by parquet-mr as it closes the file: the sketch of all its rows goes in the footer. */
    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(SketchFiles.footerEntry(sketch));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
        out.startMessage();
        for (int i = 0; i < writers.length; i++) {
            Object value = row.get(i);
            if (value != null) {
                out.startField(names[i], i);
                writers[i].write(value);
                out.endField(names[i], i);
            }
        }
        out.endMessage();
        for (int d = 0; d < rowKeyTypes.size(); d++) {
            sketch.update(d, row.get(d));
        }
    }

    @FunctionalInterface
    private interface ValueWriter {
        void write(Object value);
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
            return value -> writeList((List<?>) value, element);
        }
        MapType map = (MapType) type;
        ValueWriter key = primitiveWriter(map.keyType());
        ValueWriter value = primitiveWriter(map.valueType());
        return v -> writeMap((Map<?, ?>) v, key, value);
    }

    private ValueWriter primitiveWriter(PrimitiveType type) {
        return switch (type) {
            case INT -> v -> out.addInteger((Integer) v);
            case LONG -> v -> out.addLong((Long) v);
            case STRING -> v -> out.addBinary(Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)));
            case BYTE_ARRAY -> v -> out.addBinary(Binary.fromConstantByteArray((byte[]) v));
            case DOUBLE -> v -> out.addDouble((Double) v);
            case FLOAT -> v -> out.addFloat((Float) v);
            case BOOLEAN -> v -> out.addBoolean((Boolean) v);
            case TIMESTAMP -> v -> out.addLong(TypedValues.micros((Instant) v));
            case DATE -> v -> out.addInteger(TypedValues.days((LocalDate) v));
        };
    }

    /** In the physical type {@link DataFileSchema#decimal} chose for the precision. */
    private ValueWriter decimalWriter(DecimalType type) {
        if (type.precision() <= 9) {
            return v -> out.addInteger(((BigDecimal) v).unscaledValue().intValueExact());
        }
        if (type.precision() <= 18) {
            return v -> out.addLong(((BigDecimal) v).unscaledValue().longValueExact());
        }
        int length = TypedValues.bytesFor(type.precision());
        return v -> out.addBinary(Binary.fromConstantByteArray(TypedValues.fixedBytes(((BigDecimal) v).unscaledValue(), length)));
    }

    private void writeList(List<?> list, ValueWriter element) {
        out.startGroup();
        if (!list.isEmpty()) {
            out.startField("list", 0);
            for (Object e : list) {
                out.startGroup();
                if (e != null) {
                    out.startField("element", 0);
                    element.write(e);
                    out.endField("element", 0);
                }
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
    }

    private void writeMap(Map<?, ?> map, ValueWriter key, ValueWriter value) {
        out.startGroup();
        if (!map.isEmpty()) {
            out.startField("key_value", 0);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.startGroup();
                out.startField("key", 0);
                key.write(e.getKey());
                out.endField("key", 0);
                if (e.getValue() != null) {
                    out.startField("value", 1);
                    value.write(e.getValue());
                    out.endField("value", 1);
                }
                out.endGroup();
            }
            out.endField("key_value", 0);
        }
        out.endGroup();
    }
}
