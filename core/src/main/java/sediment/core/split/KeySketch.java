package sediment.core.split;

import org.apache.datasketches.ArrayOfItemsSerDe;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantiles.ItemsSketch;
import org.apache.datasketches.quantiles.ItemsUnion;
import sediment.core.key.KeyOrdering;
import sediment.core.schema.PrimitiveType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A quantile sketch (DataSketches' {@link ItemsSketch}) of the values of each row-key field in some rows,
 * ordered by {@link KeyOrdering}, so a split point can be taken from it without reading the rows again.
 * Sketches of several files merge into the sketch of all their rows.
 */
public final class KeySketch {
    /** Rank error about 1% of the rows, in a few kilobytes per field. */
    static final int K = 128;

    private final List<PrimitiveType> types;
    private final List<ItemsSketch<Object>> fields;

    private KeySketch(List<PrimitiveType> types, List<ItemsSketch<Object>> fields) {
        this.types = List.copyOf(types);
        this.fields = fields;
    }

    public static KeySketch empty(List<PrimitiveType> rowKeyTypes) {
        List<ItemsSketch<Object>> fields = new ArrayList<>();
        for (PrimitiveType t : rowKeyTypes) {
            fields.add(ItemsSketch.getInstance(K, KeyOrdering.comparator(t)));
        }
        return new KeySketch(rowKeyTypes, fields);
    }

    public void update(List<?> rowKey) {
        for (int d = 0; d < fields.size(); d++) {
            fields.get(d).update(rowKey.get(d));
        }
    }

    /** One field's value of one row, for readers that read a column at a time. */
    public void update(int dimension, Object value) {
        fields.get(dimension).update(value);
    }

    public long rows() {
        return fields.get(0).getN();
    }

    /** The sketch of the rows of every sketch given (all of the same row-key types). */
    public static KeySketch merge(List<PrimitiveType> rowKeyTypes, List<KeySketch> sketches) {
        List<ItemsSketch<Object>> merged = new ArrayList<>();
        for (int d = 0; d < rowKeyTypes.size(); d++) {
            ItemsUnion<Object> union = ItemsUnion.getInstance(K, KeyOrdering.comparator(rowKeyTypes.get(d)));
            for (KeySketch s : sketches) {
                union.update(s.fields.get(d));
            }
            merged.add(union.getResult());
        }
        return new KeySketch(rowKeyTypes, merged);
    }

    /**
     * A value of field {@code dimension} that splits these rows near their middle with rows on both sides:
     * the median, or, when more than half the rows share the smallest value, the next larger value the sketch
     * knows. Empty when every row has the same value there.
     */
    public Optional<Object> splitPoint(int dimension) {
        ItemsSketch<Object> sketch = fields.get(dimension);
        if (sketch.isEmpty()) {
            return Optional.empty();
        }
        PrimitiveType type = types.get(dimension);
        Object min = sketch.getMinValue();
        for (double rank = 0.5; rank < 1.0; rank += 0.05) {
            Object q = sketch.getQuantile(rank);
            if (KeyOrdering.compare(type, q, min) > 0) {
                return Optional.of(q);
            }
        }
        Object max = sketch.getMaxValue();
        return KeyOrdering.compare(type, max, min) > 0 ? Optional.of(max) : Optional.empty();
    }

    public byte[] toBytes() {
        List<byte[]> parts = new ArrayList<>();
        int size = 4;
        for (int d = 0; d < fields.size(); d++) {
            byte[] b = fields.get(d).toByteArray(serDe(types.get(d)));
            parts.add(b);
            size += 4 + b.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(fields.size());
        for (byte[] b : parts) {
            out.putInt(b.length).put(b);
        }
        return out.array();
    }

    /** Reads {@link #toBytes}; throws IllegalArgumentException for bytes that are not a sketch of these types. */
    public static KeySketch fromBytes(List<PrimitiveType> rowKeyTypes, byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int n = in.getInt();
            if (n != rowKeyTypes.size()) {
                throw new IllegalArgumentException("the sketch has " + n + " fields, the table's row key " + rowKeyTypes.size());
            }
            List<ItemsSketch<Object>> fields = new ArrayList<>();
            for (PrimitiveType t : rowKeyTypes) {
                byte[] b = new byte[length(in)];
                in.get(b);
                fields.add(ItemsSketch.getInstance(Memory.wrap(b), KeyOrdering.comparator(t), serDe(t)));
            }
            return new KeySketch(rowKeyTypes, fields);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Damaged bytes fail in DataSketches or in the item reader in many ways (underflow, bounds, bad preamble).
            throw new IllegalArgumentException("not a key sketch: " + e, e);
        }
    }

    /** Items as a length-prefixed big-endian list: DataSketches serialises the sketch, we serialise the key values. */
    private static ArrayOfItemsSerDe<Object> serDe(PrimitiveType type) {
        return new ArrayOfItemsSerDe<>() {
            @Override
            public byte[] serializeToByteArray(Object[] items) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
                try {
                    for (Object item : items) {
                        switch (type) {
                            case INT -> out.writeInt((Integer) item);
                            case LONG -> out.writeLong((Long) item);
                            case STRING -> writeBytes(out, ((String) item).getBytes(StandardCharsets.UTF_8));
                            case BYTE_ARRAY -> writeBytes(out, (byte[]) item);
                            case TIMESTAMP -> out.writeLong(sediment.core.schema.TypedValues.micros((java.time.Instant) item));
                            case DATE -> out.writeInt(sediment.core.schema.TypedValues.days((java.time.LocalDate) item));
                            default -> throw new IllegalArgumentException(type + " is not a row-key type");
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return bytes.toByteArray();
            }

            @Override
            public Object[] deserializeFromMemory(Memory mem, int count) {
                byte[] all = new byte[(int) mem.getCapacity()];
                mem.getByteArray(0, all, 0, all.length);
                ByteBuffer in = ByteBuffer.wrap(all);
                Object[] items = new Object[count];
                for (int i = 0; i < count; i++) {
                    items[i] = switch (type) {
                        case INT -> in.getInt();
                        case LONG -> in.getLong();
                        case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
                        case BYTE_ARRAY -> readBytes(in);
                        case TIMESTAMP -> sediment.core.schema.TypedValues.instant(in.getLong());
                        case DATE -> sediment.core.schema.TypedValues.date(in.getInt());
                        default -> throw new IllegalArgumentException(type + " is not a row-key type");
                    };
                }
                return items;
            }
        };
    }

    /** A length prefix, checked against the bytes left, so that damaged bytes never ask for a huge array. */
    private static int length(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        return n;
    }

    private static void writeBytes(java.io.DataOutputStream out, byte[] b) throws java.io.IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[length(in)];
        in.get(b);
        return b;
    }
}
