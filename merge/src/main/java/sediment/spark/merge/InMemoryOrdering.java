package sediment.spark.merge;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.InterpretedOrdering;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sediment.spark.internal.RowProjections;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Maximum throughput: the task holds its destination's rows in a {@link RowBuffer}, counts the
 * groups as the rows arrive, then orders them without a general sort: a counting sort puts every
 * row in its group's slot (groups largest first), and only the rows within each group are sorted,
 * by the sort formula's value and arrival (primitive keys for numbers and times). Memory: the rows'
 * own bytes outside the Java heap ({@link RowBuffer}) plus about 40 bytes each on the heap.
 */
final class InMemoryOrdering extends DestinationTask {
    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InMemoryOrdering.class);

    InMemoryOrdering(WriteSpec spec) {
        super(spec);
    }

    @Override
    DestinationResult write(int writablePartition, Iterator<InternalRow> rows) throws IOException {
        StructType schema = spec.shuffledSchema();
        UnsafeProjection toUnsafe = RowProjections.toUnsafe(schema);
        GroupTable groups = spec.grouped() ? new GroupTable(schema, spec.groupingOrdinals()) : null;
        SortKeys sortKeys = SortKeys.create(spec, schema);
        try (RowBuffer buffer = new RowBuffer()) {
            return write(writablePartition, rows, schema, toUnsafe, groups, sortKeys, buffer);
        }
    }

    private DestinationResult write(int writablePartition, Iterator<InternalRow> rows, StructType schema, UnsafeProjection toUnsafe,
                                    GroupTable groups, SortKeys sortKeys, RowBuffer buffer) throws IOException {
        long[] arrival = new long[1024];
        int[][] members = new int[16][];
        int[] memberCount = new int[16];
        long hashHigh = 0;
        long hashLow = 0;
        long t0 = cpu();

        while (rows.hasNext()) {
            InternalRow next = rows.next();
            UnsafeRow row = next instanceof UnsafeRow u ? u : toUnsafe.apply(next);
            checkRouted(row, writablePartition);
            if (spec.hashOrdinal() >= 0) {
                long h = row.getLong(spec.hashOrdinal());
                hashHigh += h >>> 32;
                hashLow += h & 0xffffffffL;
            }
            int g = groups == null ? 0 : groups.groupOf(row);
            int i = buffer.add(row, g);
            if (i == arrival.length) {
                arrival = Arrays.copyOf(arrival, i * 2);
            }
            arrival[i] = row.getLong(spec.arrivalOrdinal());
            sortKeys.add(i, row);
            if (g >= members.length) {
                members = Arrays.copyOf(members, Math.max(g + 1, members.length * 2));
                memberCount = Arrays.copyOf(memberCount, members.length);
            }
            int[] m = members[g];
            if (m == null) {
                m = members[g] = new int[16];
            } else if (memberCount[g] == m.length) {
                m = members[g] = Arrays.copyOf(m, m.length * 2);
            }
            m[memberCount[g]++] = i;
        }
        int n = buffer.size();
        if (n == 0) {
            return result(writablePartition, null, 0, hashHigh, hashLow);
        }

        long t1 = cpu();
        int groupCount = groups == null ? 1 : groups.size();
        Integer[] order = new Integer[groupCount];
        for (int g = 0; g < groupCount; g++) {
            order[g] = g;
        }
        if (groups != null) {
            InterpretedOrdering keyOrdering = RowProjections.ordering(keyTypes(schema));
            UnsafeRow[] keys = new UnsafeRow[groupCount];
            for (int g = 0; g < groupCount; g++) {
                keys[g] = groups.key(g);
            }
            Arrays.sort(order, (a, b) -> groups.count(a) != groups.count(b) ? Integer.compare(groups.count(b), groups.count(a))
                    : keyOrdering.compare(keys[a], keys[b]));
        }
        int[] scratch = new int[n];
        IndexSort.Comparator comparator = sortKeys.comparator(arrival);
        for (int g = 0; g < groupCount; g++) {
            IndexSort.sort(members[g], 0, memberCount[g], scratch, comparator);
        }
        scratch = null;

        long t2 = cpu();
        MergedFileWriter writer = open(writablePartition);
        boolean done = false;
        try {
            UnsafeRow stored = new UnsafeRow(schema.size());
            LeadingColumns data = new LeadingColumns(spec.dataColumns());
            for (int r = 0; r < groupCount; r++) {
                int g = order[r];
                if (groups != null) {
                    writer.startGroup(groups.key(g));
                }
                int[] m = members[g];
                for (int k = 0; k < memberCount[g]; k++) {
                    buffer.pointTo(m[k], stored);
                    writer.write(data.of(stored));
                }
                members[g] = null;
            }
            done = true;
        } finally {
            if (!done) {
                writer.close();
            }
        }
        DestinationResult res = result(writablePartition, writer, n, hashHigh, hashLow);
        if (LOG.isDebugEnabled()) {
            LOG.debug(String.format(java.util.Locale.ROOT, "writable partition %d: %d rows, %d groups, %.1f MB; CPU s: receive %.2f,"
                    + " order %.2f, write %.2f", writablePartition, n, groupCount, buffer.bytes() / 1e6, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (cpu() - t2) / 1e9));
        }
        return res;
    }

    /** This thread's CPU time, for the debug log. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private List<DataType> keyTypes(StructType schema) {
        List<DataType> types = new ArrayList<>();
        for (int o : spec.groupingOrdinals()) {
            types.add(schema.fields()[o].dataType());
        }
        return types;
    }

    /** The sort formula's values of the buffered rows, and the order they give with arrival last. */
    abstract static class SortKeys {
        abstract void add(int i, UnsafeRow row);

        abstract IndexSort.Comparator comparator(long[] arrival);

        static SortKeys create(WriteSpec spec, StructType schema) {
            if (spec.sortOrdinal() < 0) {
                return new SortKeys() {
                    @Override
                    void add(int i, UnsafeRow row) {
                    }

                    @Override
                    IndexSort.Comparator comparator(long[] arrival) {
                        return (a, b) -> Long.compare(arrival[a], arrival[b]);
                    }
                };
            }
            StructField field = schema.fields()[spec.sortOrdinal()];
            return PrimitiveKeys.supports(field.dataType())
                    ? new PrimitiveKeys(spec.sortOrdinal(), field.dataType())
                    : new RowKeys(spec.sortOrdinal(), field.dataType());
        }
    }

    /** Numbers, dates, times and booleans as longs that compare as Spark orders them (nulls first). */
    static final class PrimitiveKeys extends SortKeys {
        private final int ordinal;
        private final DataType type;
        private long[] keys = new long[1024];
        private boolean[] nulls = new boolean[1024];

        PrimitiveKeys(int ordinal, DataType type) {
            this.ordinal = ordinal;
            this.type = type;
        }

        static boolean supports(DataType t) {
            return t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType)
                    || t.equals(DataTypes.ByteType) || t.equals(DataTypes.DateType) || t.equals(DataTypes.TimestampType)
                    || t.equals(DataTypes.TimestampNTZType) || t.equals(DataTypes.BooleanType) || t.equals(DataTypes.DoubleType)
                    || t.equals(DataTypes.FloatType);
        }

        @Override
        void add(int i, UnsafeRow row) {
            if (i == keys.length) {
                keys = Arrays.copyOf(keys, i * 2);
                nulls = Arrays.copyOf(nulls, i * 2);
            }
            if (row.isNullAt(ordinal)) {
                nulls[i] = true;
                keys[i] = 0;
                return;
            }
            nulls[i] = false;
            keys[i] = key(row);
        }

        private long key(UnsafeRow row) {
            if (type.equals(DataTypes.LongType) || type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
                return row.getLong(ordinal);
            } else if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.DateType)) {
                return row.getInt(ordinal);
            } else if (type.equals(DataTypes.ShortType)) {
                return row.getShort(ordinal);
            } else if (type.equals(DataTypes.ByteType)) {
                return row.getByte(ordinal);
            } else if (type.equals(DataTypes.BooleanType)) {
                return row.getBoolean(ordinal) ? 1 : 0;
            } else if (type.equals(DataTypes.DoubleType)) {
                return sortable(row.getDouble(ordinal));
            }
            return sortable(row.getFloat(ordinal));
        }

        /** Spark's order for doubles: -0.0 equals 0.0, NaN above everything. */
        static long sortable(double d) {
            long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
            return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
        }

        @Override
        IndexSort.Comparator comparator(long[] arrival) {
            long[] k = keys;
            boolean[] z = nulls;
            return (a, b) -> {
                if (z[a] != z[b]) {
                    return z[a] ? -1 : 1;
                }
                int c = Long.compare(k[a], k[b]);
                return c != 0 ? c : Long.compare(arrival[a], arrival[b]);
            };
        }
    }

    /** Any other orderable type (strings, decimals, binary, ...): Spark's own ordering on a copy of the value. */
    static final class RowKeys extends SortKeys {
        private final UnsafeProjection projection;
        private final InterpretedOrdering ordering;
        private UnsafeRow[] keys = new UnsafeRow[1024];

        RowKeys(int ordinal, DataType type) {
            this.projection = RowProjections.column(ordinal, type);
            this.ordering = RowProjections.ordering(List.of(type));
        }

        @Override
        void add(int i, UnsafeRow row) {
            if (i == keys.length) {
                keys = Arrays.copyOf(keys, i * 2);
            }
            keys[i] = projection.apply(row).copy();
        }

        @Override
        IndexSort.Comparator comparator(long[] arrival) {
            UnsafeRow[] k = keys;
            return (a, b) -> {
                int c = ordering.compare(k[a], k[b]);
                return c != 0 ? c : Long.compare(arrival[a], arrival[b]);
            };
        }
    }
}
