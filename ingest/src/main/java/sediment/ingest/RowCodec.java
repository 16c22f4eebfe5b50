package sediment.ingest;

import sediment.core.row.Row;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of rows in the ingest's local sorted runs: each field as a presence byte and its
 * value. Runs are written once and read once by the same process, so a plain stream beats Parquet's
 * per-row column bookkeeping several times over (RunOutput, RunInput), and needs no schema in the file.
 */
final class RowCodec {
    private final FieldType[] types;

    RowCodec(Schema schema) {
        this.types = schema.allFields().stream().map(Field::type).toArray(FieldType[]::new);
    }

    void write(RunOutput out, Row row) throws IOException {
        for (int i = 0; i < types.length; i++) {
            writeValue(out, types[i], row.get(i));
        }
    }

    Row read(RunInput in) throws IOException {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = readValue(in, types[i]);
        }
        return Row.ofTrusted(values);
    }

    private static void writeValue(RunOutput out, FieldType type, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        if (type instanceof PrimitiveType p) {
            writePrimitive(out, p, v);
        } else if (type instanceof DecimalType) {
            out.writeBytes(((BigDecimal) v).unscaledValue().toByteArray());
        } else if (type instanceof ListType list) {
            List<?> l = (List<?>) v;
            out.writeInt(l.size());
            for (Object e : l) {
                writeValue(out, list.elementType(), e);
            }
        } else {
            MapType map = (MapType) type;
            Map<?, ?> m = (Map<?, ?>) v;
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                writePrimitive(out, map.keyType(), e.getKey());
                writeValue(out, map.valueType(), e.getValue());
            }
        }
    }

    private static Object readValue(RunInput in, FieldType type) throws IOException {
        if (in.readByte() == 0) {
            return null;
        }
        if (type instanceof PrimitiveType p) {
            return readPrimitive(in, p);
        }
        if (type instanceof DecimalType d) {
            return TypedValues.decimal(d, new BigInteger(in.readBytes()));
        }
        if (type instanceof ListType list) {
            int n = in.readInt();
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(readValue(in, list.elementType()));
            }
            return l;
        }
        MapType map = (MapType) type;
        int n = in.readInt();
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = readPrimitive(in, map.keyType());
            m.put(key, readValue(in, map.valueType()));
        }
        return m;
    }

    private static void writePrimitive(RunOutput out, PrimitiveType type, Object v) throws IOException {
        switch (type) {
            case INT -> out.writeInt((Integer) v);
            case LONG -> out.writeLong((Long) v);
            case STRING -> out.writeBytes(((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTE_ARRAY -> out.writeBytes((byte[]) v);
            case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) v));
            case FLOAT -> out.writeInt(Float.floatToRawIntBits((Float) v));
            case BOOLEAN -> out.writeByte((Boolean) v ? 1 : 0);
            case TIMESTAMP -> out.writeLong(TypedValues.micros((Instant) v));
            case DATE -> out.writeInt(TypedValues.days((LocalDate) v));
        }
    }

    private static Object readPrimitive(RunInput in, PrimitiveType type) throws IOException {
        return switch (type) {
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case STRING -> new String(in.readBytes(), StandardCharsets.UTF_8);
            case BYTE_ARRAY -> in.readBytes();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case BOOLEAN -> in.readByte() != 0;
            case TIMESTAMP -> TypedValues.instant(in.readLong());
            case DATE -> TypedValues.date(in.readInt());
        };
    }
}
