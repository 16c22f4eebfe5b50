package sediment.core.partition;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import sediment.core.key.KeyOrdering;
import sediment.core.schema.PrimitiveType;
import sediment.core.testutil.KeyArbitraries;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding a key's leaf (binary search for one-dimensional trees, descent otherwise) agrees with a
 * linear scan of the leaves' regions, and exactly one leaf holds every key.
 */
class PartitionTreePropertiesTest {

    record OneDimensionalCase(PrimitiveType type, List<Object> splitPoints, List<Object> keys) {
    }

    @Provide
    Arbitrary<OneDimensionalCase> oneDimensional() {
        return Arbitraries.of(KeyArbitraries.KEY_TYPES)
                .flatMap(type -> Combinators.combine(
                        KeyArbitraries.values(type).list().ofMaxSize(40),
                        KeyArbitraries.values(type).list().ofMinSize(1).ofMaxSize(20))
                        .as((candidates, keys) -> {
                            // Split points: distinct, sorted, above the type's minimum. Keys include the split points.
                            TreeSet<Object> sorted = new TreeSet<>(KeyOrdering.comparator(type));
                            candidates.stream().filter(v -> !KeyOrdering.isMinimum(type, v)).forEach(sorted::add);
                            List<Object> allKeys = new ArrayList<>(keys);
                            allKeys.addAll(sorted);
                            return new OneDimensionalCase(type, List.copyOf(sorted), allKeys);
                        }));
    }

    @Property(tries = 300)
    void leafForAgreesWithALinearScanOfOneDimensionalLeaves(@ForAll("oneDimensional") OneDimensionalCase c) {
        PartitionTree tree = PartitionTree.fromSplitPoints(List.of(c.type()), c.splitPoints());

        assertThat(tree.isOneDimensional()).isTrue();
        assertThat(tree.leaves()).hasSize(c.splitPoints().size() + 1);
        for (Object key : c.keys()) {
            assertLeafMatchesScan(tree, List.of(key));
        }
    }

    /** One attempted split: which leaf (modulo the leaf count), which dimension, and the value for each dimension. */
    record SplitOp(int leafChoice, int dimension, long a, String b) {
    }

    record MultiDimensionalCase(List<SplitOp> splits, List<List<Object>> keys) {
    }

    private static Arbitrary<Long> smallLongs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(-30, 30)),
                net.jqwik.api.Tuple.of(1, KeyArbitraries.longs()));
    }

    private static Arbitrary<String> smallStrings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of("a", "b", "\u00e9", "\uffff", new String(Character.toChars(0x1F600)))
                        .list().ofMaxSize(2).map(l -> String.join("", l))),
                net.jqwik.api.Tuple.of(1, KeyArbitraries.strings()));
    }

    @Provide
    Arbitrary<MultiDimensionalCase> multiDimensional() {
        Arbitrary<SplitOp> op = Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1),
                smallLongs(), smallStrings()).as(SplitOp::new);
        Arbitrary<List<Object>> key = Combinators.combine(smallLongs(), smallStrings()).as((a, b) -> List.<Object>of(a, b));
        return Combinators.combine(op.list().ofMaxSize(30), key.list().ofMinSize(1).ofMaxSize(30)).as(MultiDimensionalCase::new);
    }

    @Property(tries = 300)
    void leafForAgreesWithALinearScanWhenSplitsAreOnEitherField(@ForAll("multiDimensional") MultiDimensionalCase c) {
        List<PrimitiveType> types = List.of(PrimitiveType.LONG, PrimitiveType.STRING);
        PartitionTree tree = PartitionTree.singleLeaf(types);
        List<List<Object>> keys = new ArrayList<>(c.keys());
        for (SplitOp op : c.splits()) {
            Partition leaf = tree.leaves().get(op.leafChoice() % tree.leaves().size());
            Object at = op.dimension() == 0 ? op.a() : op.b();
            if (leaf.region().get(op.dimension()).canSplitAt(types.get(op.dimension()), at)) {
                tree = tree.split(leaf.id(), op.dimension(), at);
                // Keys right on the new boundary are the interesting ones.
                keys.add(List.of(op.a(), op.b()));
            }
        }
        for (List<Object> key : keys) {
            assertLeafMatchesScan(tree, key);
        }
    }

    private static void assertLeafMatchesScan(PartitionTree tree, List<?> key) {
        List<Partition> containing = new ArrayList<>();
        for (Partition leaf : tree.leaves()) {
            if (contains(tree.rowKeyTypes(), leaf, key)) {
                containing.add(leaf);
            }
        }
        assertThat(containing).as("leaves holding %s", key).hasSize(1);
        assertThat(tree.leafFor(key).id()).isEqualTo(containing.get(0).id());
        assertThat(tree.leafIndexFor(key)).isEqualTo(tree.leaves().indexOf(containing.get(0)));
    }

    private static boolean contains(List<PrimitiveType> types, Partition leaf, List<?> key) {
        for (int d = 0; d < types.size(); d++) {
            if (!leaf.region().get(d).contains(types.get(d), key.get(d))) {
                return false;
            }
        }
        return true;
    }
}
