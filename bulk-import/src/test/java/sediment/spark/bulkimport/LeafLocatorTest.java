package sediment.spark.bulkimport;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.unsafe.types.UTF8String;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.spark.SparkSchemas;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-row leaf lookup agrees with the partition tree's own, for every key type and tree shape. */
class LeafLocatorTest {
    private static final PrimitiveType[] KEY_TYPES = {PrimitiveType.INT, PrimitiveType.LONG, PrimitiveType.STRING,
            PrimitiveType.BYTE_ARRAY, PrimitiveType.TIMESTAMP, PrimitiveType.DATE};

    @Property(tries = 300)
    void findsTheSameLeafAsThePartitionTree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int keyFields,
                                            @ForAll @IntRange(min = 0, max = 40) int splits,
                                            @ForAll boolean firstFieldOnly) {
        Random random = new Random(seed);
        List<Field> keys = new ArrayList<>();
        for (int i = 0; i < keyFields; i++) {
            keys.add(new Field("k" + i, KEY_TYPES[random.nextInt(KEY_TYPES.length)]));
        }
        // A value column before nothing else: key ordinals are the key fields' positions, not 0..n.
        Schema schema = new Schema(keys, List.of(new Field("s", PrimitiveType.LONG)),
                List.of(new Field("v", PrimitiveType.DOUBLE)));
        PartitionTree tree = randomTree(random, schema.rowKeyTypes(), splits, firstFieldOnly);
        LeafLocator locator = LeafLocator.of(tree, schema);
        UnsafeProjection toUnsafe = UnsafeProjection.create(SparkSchemas.structType(schema));

        for (int i = 0; i < 200; i++) {
            List<Object> key = new ArrayList<>();
            for (PrimitiveType type : schema.rowKeyTypes()) {
                key.add(randomValue(random, type));
            }
            InternalRow row = internalRow(schema, key, random.nextLong(), random.nextDouble());
            int expected = tree.leafIndexFor(key);
            assertThat(locator.leafOf(row)).as("key %s", key).isEqualTo(expected);
            assertThat(locator.leafOf(toUnsafe.apply(row))).as("key %s as UnsafeRow", key).isEqualTo(expected);
            int other = random.nextInt(tree.leaves().size());
            assertThat(locator.holds(row, expected)).as("key %s held by its leaf", key).isTrue();
            assertThat(locator.holds(row, other)).as("key %s held by leaf %d", key, other).isEqualTo(other == expected);
            for (int neighbour : new int[]{expected - 1, expected + 1}) {
                if (neighbour >= 0 && neighbour < tree.leaves().size()) {
                    assertThat(locator.holds(row, neighbour)).as("key %s held by leaf %d", key, neighbour).isFalse();
                }
            }
        }
    }

    private static PartitionTree randomTree(Random random, List<PrimitiveType> types, int splits, boolean firstFieldOnly) {
        PartitionTree tree = PartitionTree.singleLeaf(types);
        for (int attempt = 0; attempt < splits * 4 && tree.leaves().size() <= splits; attempt++) {
            Partition leaf = tree.leaves().get(random.nextInt(tree.leaves().size()));
            int dimension = firstFieldOnly ? 0 : random.nextInt(types.size());
            Object at = randomValue(random, types.get(dimension));
            if (leaf.region().get(dimension).canSplitAt(types.get(dimension), at)) {
                tree = tree.split(leaf.id(), dimension, at);
            }
        }
        return tree;
    }

    /** Small ranges so keys often equal split points; strings beyond ASCII and the BMP; bytes of every value. */
    private static Object randomValue(Random random, PrimitiveType type) {
        return switch (type) {
            case INT -> random.nextInt(41) - 20;
            case LONG -> random.nextBoolean() ? (long) random.nextInt(41) - 20 : random.nextLong();
            case STRING -> {
                String[] pieces = {"", "a", "b", "é", "\uFFFD", "\uD83D\uDE00", "z", "\u0000"};
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    s.append(pieces[random.nextInt(pieces.length)]);
                }
                yield s.toString();
            }
            case BYTE_ARRAY -> {
                byte[] b = new byte[random.nextInt(3)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (random.nextBoolean() ? random.nextInt(3) : 0x7e + random.nextInt(4));
                }
                yield b;
            }
            // Microseconds and days near the epoch (both sides) so keys often equal split points, and sometimes anywhere.
            case TIMESTAMP -> sediment.core.schema.TypedValues.instant(random.nextBoolean() ? random.nextInt(41) - 20 : random.nextLong());
            case DATE -> sediment.core.schema.TypedValues.date(random.nextBoolean() ? random.nextInt(41) - 20 : random.nextInt());
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static InternalRow internalRow(Schema schema, List<Object> key, long sort, double value) {
        List<Object> values = new ArrayList<>();
        for (Object k : key) {
            // As Spark's internal rows hold them: UTF-8 strings, timestamps as microseconds, dates as days.
            if (k instanceof java.time.Instant t) {
                values.add(sediment.core.schema.TypedValues.micros(t));
            } else if (k instanceof java.time.LocalDate d) {
                values.add(sediment.core.schema.TypedValues.days(d));
            } else {
                values.add(k instanceof String s ? UTF8String.fromBytes(s.getBytes(StandardCharsets.UTF_8)) : k);
            }
        }
        values.add(sort);
        values.add(value);
        return new GenericInternalRow(values.toArray());
    }
}
