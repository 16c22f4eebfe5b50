package sediment.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import sediment.core.key.KeyOrdering;
import sediment.core.row.Row;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch sort's fast path agrees with the one key ordering (KeyOrdering, through RowOrder) on every input. */
class BatchSorterPropertyTest {
    private static final PrimitiveType[] KEY_TYPES = {PrimitiveType.INT, PrimitiveType.LONG, PrimitiveType.STRING,
            PrimitiveType.BYTE_ARRAY, PrimitiveType.TIMESTAMP, PrimitiveType.DATE};
    /** Characters where UTF-16 order and code point order part, and ones that tie prefixes. */
    private static final char[] CHARS = {'\0', 'a', 'b', 'é', 'ÿ', 'Ā', '\uD7FF', '\uD800', '\uD83D', '\uDE00', '\uDFFF', '\uE000',
            '\uFFFD', '\uFFFF'};

    @Property(tries = 300)
    void aPrefixNeverContradictsTheKeyOrdering(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int typeIndex) {
        Random random = new Random(seed);
        PrimitiveType type = KEY_TYPES[typeIndex];
        for (int i = 0; i < 200; i++) {
            Object a = value(type, random);
            Object b = value(type, random);
            long pa = BatchSorter.prefix(type, a);
            long pb = BatchSorter.prefix(type, b);
            if (pa < pb) {
                assertThat(KeyOrdering.compare(type, a, b)).as("%s before %s", describe(a), describe(b)).isNegative();
            }
            if (type != PrimitiveType.STRING && type != PrimitiveType.BYTE_ARRAY) {
                assertThat(Long.signum(Long.compare(pa, pb))).isEqualTo(Integer.signum(KeyOrdering.compare(type, a, b)));
            }
        }
    }

    @Property(tries = 300)
    void sortsEveryBatchByLeafThenByTheTablesKeyOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 600) int n,
                                                      @ForAll @IntRange(min = 1, max = 3) int keyFields,
                                                      @ForAll @IntRange(min = 1, max = 5) int leafCount) {
        Random random = new Random(seed);
        List<Field> rowKeys = new ArrayList<>();
        List<Field> sortKeys = new ArrayList<>();
        for (int k = 0; k < keyFields; k++) {
            Field f = new Field("k" + k, KEY_TYPES[random.nextInt(KEY_TYPES.length)]);
            (k == 0 || random.nextBoolean() ? rowKeys : sortKeys).add(f);
        }
        Schema schema = new Schema(rowKeys, sortKeys, List.of(new Field("v", PrimitiveType.INT)));
        List<Field> keys = new ArrayList<>(rowKeys);
        keys.addAll(sortKeys);
        Row[] rows = new Row[n + random.nextInt(5)];
        int[] leaves = new int[rows.length];
        for (int i = 0; i < n; i++) {
            Object[] values = new Object[keys.size() + 1];
            for (int k = 0; k < keys.size(); k++) {
                values[k] = value((PrimitiveType) keys.get(k).type(), random);
            }
            values[keys.size()] = i;
            rows[i] = Row.ofTrusted(values);
            leaves[i] = random.nextInt(leafCount);
        }
        RowOrder order = new RowOrder(schema);

        int[] sorted = new BatchSorter(order, schema.rowKeyTypes().get(0), keys.size()).sort(rows, leaves, n, leafCount);

        assertThat(sorted).hasSize(n);
        boolean[] seen = new boolean[n];
        for (int p : sorted) {
            assertThat(seen[p]).as("position %d once", p).isFalse();
            seen[p] = true;
        }
        for (int i = 1; i < n; i++) {
            int a = sorted[i - 1];
            int b = sorted[i];
            assertThat(leaves[a]).isLessThanOrEqualTo(leaves[b]);
            if (leaves[a] == leaves[b]) {
                assertThat(order.compare(rows[a], rows[b])).as("%s before %s", rows[a], rows[b]).isLessThanOrEqualTo(0);
            }
        }
    }

    /** Values from small domains, so that ties, shared prefixes and prefixes of one another are common. */
    private static Object value(PrimitiveType type, Random random) {
        return switch (type) {
            case INT -> random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(7) - 3;
            case LONG -> random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(7) - 3;
            case STRING -> {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(7);
                for (int i = 0; i < length; i++) {
                    s.append(CHARS[random.nextInt(random.nextBoolean() ? 3 : CHARS.length)]);
                }
                yield s.toString();
            }
            case BYTE_ARRAY -> {
                byte[] b = new byte[random.nextInt(11)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (random.nextBoolean() ? random.nextInt(3) : random.nextInt(256));
                }
                yield b;
            }
            case TIMESTAMP -> sediment.core.schema.TypedValues.instant(random.nextInt(4) == 0
                    ? random.nextLong() : (long) random.nextInt(7) - 3);
            case DATE -> sediment.core.schema.TypedValues.date(random.nextInt(4) == 0
                    ? random.nextInt() : random.nextInt(7) - 3);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return s.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
        }
        return v instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(v);
    }
}
