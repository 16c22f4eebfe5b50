package sediment.spark.read;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringStartsWith;
import sediment.core.key.KeyOrdering;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pruning never drops a file holding a matching row: for random files (keys inside a random leaf of a
 * random tree) and random filters on a (string, int) key, whenever some key of the file passes the
 * filter as Spark would evaluate it, the file's box may match. Strings include characters on both
 * sides of the surrogates, where code point order and Java's String order differ.
 */
class KeyPruningPropertiesTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("s", PrimitiveType.STRING), new Field("i", PrimitiveType.INT)),
            List.of(), List.of(new Field("v", PrimitiveType.LONG)));
    private static final List<PrimitiveType> TYPES = SCHEMA.rowKeyTypes();
    private final KeyFilters filters = new KeyFilters(SCHEMA);

    @Property(tries = 2000)
    void aFileHoldingAMatchingKeyIsNeverPruned(@ForAll("strings") List<String> splits, @ForAll("keys") List<List<Object>> keys,
                                               @ForAll("filters") Filter filter) {
        List<Object> points = splits.stream().distinct().sorted(KeyOrdering::compareStrings).filter(s -> !s.isEmpty())
                .map(s -> (Object) s).toList();
        PartitionTree tree = PartitionTree.fromSplitPoints(TYPES, points);
        // The file holds the keys that fall in the leaf of the first one, as a bulk import writes them.
        Partition leaf = tree.leafFor(keys.get(0));
        List<List<Object>> inLeaf = keys.stream().filter(k -> tree.leafFor(k).id().equals(leaf.id()))
                .sorted(KeyOrdering.keyComparator(TYPES)).toList();
        FileReference file = new FileReference("f", leaf.id(), inLeaf.size(), inLeaf.get(0), inLeaf.get(inLeaf.size() - 1));

        boolean anyMatches = inLeaf.stream().anyMatch(k -> matches(filter, k));

        if (anyMatches) {
            assertThat(filters.mayMatch(filter, KeyBox.of(TYPES, leaf, file))).as("%s on %s", filter, inLeaf).isTrue();
        }
    }

    @Provide
    Arbitrary<List<String>> strings() {
        return string().list().ofMaxSize(6);
    }

    private static Arbitrary<String> string() {
        return Arbitraries.of("", "a", "ab", "abc", "b", "m", "z", "\uFF5E", "\uD83D\uDE00", "a\uFF5E", "a\uD83D\uDE00", "zz");
    }

    @Provide
    Arbitrary<List<List<Object>>> keys() {
        return Combinators.combine(string(), Arbitraries.integers().between(-3, 3)).as((s, i) -> List.<Object>of(s, i))
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Filter> filters() {
        return Arbitraries.lazyOf(this::leafFilter, this::leafFilter, this::leafFilter,
                () -> Combinators.combine(filters(), filters()).as(And::new),
                () -> Combinators.combine(filters(), filters()).as(Or::new),
                () -> filters().map(Not::new));
    }

    private Arbitrary<Filter> leafFilter() {
        Arbitrary<Filter> onString = Combinators.combine(Arbitraries.integers().between(0, 5), string()).as((op, v) -> compare("s", op, v));
        Arbitrary<Filter> onInt = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(-3, 3))
                .as((op, v) -> compare("i", op, v));
        Arbitrary<Filter> prefix = string().map(p -> new StringStartsWith("s", p));
        return Arbitraries.oneOf(onString, onInt, prefix);
    }

    private static Filter compare(String attribute, int op, Object value) {
        return switch (op) {
            case 0 -> new EqualTo(attribute, value);
            case 1 -> new LessThan(attribute, value);
            case 2 -> new LessThanOrEqual(attribute, value);
            case 3 -> new GreaterThan(attribute, value);
            case 4 -> new GreaterThanOrEqual(attribute, value);
            default -> new In(attribute, new Object[]{value, value instanceof String ? "m" : (Object) 0});
        };
    }

    /** The filter on one key, with the table's ordering (which is Spark's for these types). */
    private static boolean matches(Filter f, List<Object> key) {
        if (f instanceof And a) {
            return matches(a.left(), key) && matches(a.right(), key);
        }
        if (f instanceof Or o) {
            return matches(o.left(), key) || matches(o.right(), key);
        }
        if (f instanceof Not n) {
            return !matches(n.child(), key);
        }
        if (f instanceof StringStartsWith sw) {
            return ((String) key.get(0)).startsWith(sw.value());
        }
        if (f instanceof In in) {
            List<Boolean> eq = new ArrayList<>();
            for (Object v : in.values()) {
                eq.add(cmp(in.attribute(), key, v) == 0);
            }
            return eq.contains(true);
        }
        String attribute = f.references()[0];
        Object value = f instanceof EqualTo e ? e.value() : f instanceof LessThan l ? l.value() : f instanceof LessThanOrEqual l
                ? l.value() : f instanceof GreaterThan g ? g.value() : ((GreaterThanOrEqual) f).value();
        int c = cmp(attribute, key, value);
        return f instanceof EqualTo ? c == 0 : f instanceof LessThan ? c < 0 : f instanceof LessThanOrEqual ? c <= 0
                : f instanceof GreaterThan ? c > 0 : c >= 0;
    }

    private static int cmp(String attribute, List<Object> key, Object value) {
        int d = attribute.equals("s") ? 0 : 1;
        return KeyOrdering.compare(TYPES.get(d), key.get(d), value);
    }
}
