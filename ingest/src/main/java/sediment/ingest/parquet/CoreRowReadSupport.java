package sediment.ingest.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import sediment.core.row.Row;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.FieldType;
import sediment.core.schema.ListType;
import sediment.core.schema.MapType;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.TypedValues;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads Parquet files into {@link Row}s of a table's schema: the table's columns by name, in the
 * table's order, whatever else the file holds. The file's types must already have been checked
 * against the table's ({@link sediment.core.parquet.ParquetSchemas#mismatches}).
 */
public final class CoreRowReadSupport extends ReadSupport<Row> {
    private final Schema schema;

    public CoreRowReadSupport(Schema schema) {
        this.schema = schema;
    }

    @Override
    public ReadContext init(InitContext context) {
        MessageType file = context.getFileSchema();
        List<Type> columns = new ArrayList<>();
        for (Field field : schema.allFields()) {
            columns.add(file.getType(field.name()));
        }
        return new ReadContext(new MessageType(file.getName(), columns));
    }

    @Override
    public RecordMaterializer<Row> prepareForRead(Configuration conf, Map<String, String> metadata, MessageType fileSchema,
                                                  ReadContext context) {
        RowConverter root = new RowConverter(schema, context.getRequestedSchema());
        return new RecordMaterializer<>() {
            @Override
            public Row getCurrentRecord() {
                return root.current;
            }

            @Override
            public GroupConverter getRootConverter() {
                return root;
            }
        };
    }

    private static final class RowConverter extends GroupConverter {
        private final Converter[] fields;
        private final int size;
        private Object[] values;
        Row current;

        RowConverter(Schema schema, MessageType requested) {
            List<Field> all = schema.allFields();
            this.size = all.size();
            this.fields = new Converter[size];
            for (int i = 0; i < size; i++) {
                int index = i;
                fields[i] = converter(all.get(i).type(), requested.getType(i), v -> values[index] = v);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
            values = new Object[size];
        }

        @Override
        public void end() {
            current = Row.ofTrusted(values);
        }
    }

    static Converter converter(FieldType type, Type fileType, Consumer<Object> sink) {
        if (type instanceof PrimitiveType p) {
            return primitive(p, fileType.asPrimitiveType(), sink);
        }
        if (type instanceof DecimalType d) {
            return decimal(d, sink);
        }
        GroupType group = fileType.asGroupType();
        if (type instanceof ListType list) {
            return new ListConverter(list.elementType(), group, sink);
        }
        MapType map = (MapType) type;
        return new MapConverter(map, group, sink);
    }

    /** {@code file} is the column as the file stores it: timestamps come as INT64 (MILLIS or MICROS) or INT96. */
    private static PrimitiveConverter primitive(PrimitiveType type, org.apache.parquet.schema.PrimitiveType file,
                                                Consumer<Object> sink) {
        if (type == PrimitiveType.TIMESTAMP) {
            return timestamp(file, sink);
        }
        return switch (type) {
            case INT -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept(value);
                }
            };
            case LONG -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    sink.accept(value);
                }
            };
            case STRING -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    sink.accept(value.toStringUsingUTF8());
                }
            };
            case BYTE_ARRAY -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    sink.accept(value.getBytes());
                }
            };
            case DOUBLE -> new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    sink.accept(value);
                }
            };
            case FLOAT -> new PrimitiveConverter() {
                @Override
                public void addFloat(float value) {
                    sink.accept(value);
                }
            };
            case BOOLEAN -> new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    sink.accept(value);
                }
            };
            case DATE -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    sink.accept(TypedValues.date(value));
                }
            };
            case TIMESTAMP -> throw new IllegalStateException("timestamps are converted above");
        };
    }

    private static PrimitiveConverter timestamp(org.apache.parquet.schema.PrimitiveType file, Consumer<Object> sink) {
        boolean millis = file.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS;
        return new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
                sink.accept(TypedValues.instant(millis ? Math.multiplyExact(value, 1000L) : value));
            }

            @Override
            public void addBinary(Binary value) {
                sink.accept(TypedValues.instant(TypedValues.int96Micros(value.getBytes())));
            }
        };
    }

    /** Any of Parquet's decimal encodings; the checked footer guarantees the file's scale is the table's. */
    private static PrimitiveConverter decimal(DecimalType type, Consumer<Object> sink) {
        return new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                sink.accept(TypedValues.decimal(type, value));
            }

            @Override
            public void addLong(long value) {
                sink.accept(TypedValues.decimal(type, value));
            }

            @Override
            public void addBinary(Binary value) {
                sink.accept(TypedValues.decimal(type, new BigInteger(value.getBytes())));
            }
        };
    }

    /**
     * A list column: the standard three-level layout (a repeated group holding one element field), or
     * the legacy two-level one (a repeated primitive) some writers still produce.
     */
    private static final class ListConverter extends GroupConverter {
        private final Consumer<Object> sink;
        private final Converter repeated;
        private List<Object> list;
        private Object element;

        ListConverter(PrimitiveType elementType, GroupType listGroup, Consumer<Object> sink) {
            this.sink = sink;
            Type repeatedType = listGroup.getType(0);
            if (repeatedType.isPrimitive()) {
                this.repeated = primitive(elementType, repeatedType.asPrimitiveType(), v -> list.add(v));
            } else {
                Converter elementConverter = primitive(elementType, repeatedType.asGroupType().getType(0).asPrimitiveType(),
                        v -> element = v);
                this.repeated = new GroupConverter() {
                    @Override
                    public Converter getConverter(int fieldIndex) {
                        return elementConverter;
                    }

                    @Override
                    public void start() {
                        element = null;
                    }

                    @Override
                    public void end() {
                        list.add(element);
                    }
                };
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            list = new ArrayList<>();
        }

        @Override
        public void end() {
            sink.accept(list);
        }
    }

    private static final class MapConverter extends GroupConverter {
        private final Consumer<Object> sink;
        private final GroupConverter entry;
        private Map<Object, Object> map;
        private Object key;
        private Object value;

        MapConverter(MapType type, GroupType mapGroup, Consumer<Object> sink) {
            this.sink = sink;
            GroupType keyValue = mapGroup.getType(0).asGroupType();
            Converter keyConverter = primitive(type.keyType(), keyValue.getType(0).asPrimitiveType(), v -> key = v);
            int valueIndex = keyValue.getFieldCount() > 1 ? 1 : -1;
            Converter valueConverter = valueIndex < 0 ? null
                    : primitive(type.valueType(), keyValue.getType(1).asPrimitiveType(), v -> value = v);
            this.entry = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return fieldIndex == valueIndex ? valueConverter : keyConverter;
                }

                @Override
                public void start() {
                    key = null;
                    value = null;
                }

                @Override
                public void end() {
                    map.put(key, value);
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return entry;
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>();
        }

        @Override
        public void end() {
            sink.accept(map);
        }
    }
}
