package sediment.core.key;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.TypedValues;
import sediment.core.testutil.KeyArbitraries;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one key ordering, checked against independent definitions: strings by unsigned UTF-8 bytes
 * (Spark's order), byte arrays unsigned, ints and longs signed, timestamps and dates as their stored
 * microseconds and days (Spark's order for them); and the laws a comparator must obey.
 */
class KeyOrderingPropertiesTest {

    private static final List<PrimitiveType> KEY_TYPES = KeyArbitraries.KEY_TYPES;

    @Provide
    Arbitrary<String> strings() {
        return KeyArbitraries.strings();
    }

    @Provide
    Arbitrary<byte[]> byteArrays() {
        return KeyArbitraries.byteArrays();
    }

    /** A key type with three values of it. */
    record Triple(PrimitiveType type, Object a, Object b, Object c) {
    }

    @Provide
    Arbitrary<Triple> triples() {
        return Arbitraries.of(KEY_TYPES).flatMap(type -> {
            Arbitrary<Object> values = KeyArbitraries.values(type);
            return Combinators.combine(values, values, values).as((a, b, c) -> new Triple(type, a, b, c));
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property
    void stringsCompareAsTheirUtf8BytesUnsigned(@ForAll("strings") String a, @ForAll("strings") String b) {
        assertThat(Integer.signum(KeyOrdering.compareStrings(a, b)))
                .isEqualTo(Integer.signum(Arrays.compareUnsigned(utf8(a), utf8(b))));
    }

    @Property
    void stringsCompareByCodePoint(@ForAll("strings") String a, @ForAll("strings") String b) {
        assertThat(Integer.signum(KeyOrdering.compare(PrimitiveType.STRING, a, b)))
                .isEqualTo(Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray())));
    }

    @Property
    void byteArraysCompareUnsignedByteByByte(@ForAll("byteArrays") byte[] a, @ForAll("byteArrays") byte[] b) {
        // Independent oracle: ISO-8859-1 maps byte b to char (b & 0xFF), so String order is unsigned byte order.
        String la = new String(a, StandardCharsets.ISO_8859_1);
        String lb = new String(b, StandardCharsets.ISO_8859_1);
        assertThat(Integer.signum(KeyOrdering.compare(PrimitiveType.BYTE_ARRAY, a, b)))
                .isEqualTo(Integer.signum(la.compareTo(lb)));
    }

    @Property
    void numbersCompareSigned(@ForAll long a, @ForAll long b, @ForAll int x, @ForAll int y) {
        assertThat(Integer.signum(KeyOrdering.compare(PrimitiveType.LONG, a, b)))
                .isEqualTo(BigInteger.valueOf(a).compareTo(BigInteger.valueOf(b)));
        assertThat(Integer.signum(KeyOrdering.compare(PrimitiveType.INT, x, y)))
                .isEqualTo(BigInteger.valueOf(x).compareTo(BigInteger.valueOf(y)));
    }

    @Provide
    Arbitrary<java.time.Instant> timestamps() {
        return KeyArbitraries.timestamps();
    }

    @Provide
    Arbitrary<java.time.LocalDate> dates() {
        return KeyArbitraries.dates();
    }

    @Property
    void timestampsCompareAsTheirStoredMicroseconds(@ForAll("timestamps") java.time.Instant a,
                                                    @ForAll("timestamps") java.time.Instant b) {
        assertThat(Integer.signum(KeyOrdering.compare(PrimitiveType.TIMESTAMP, a, b)))
                .isEqualTo(Long.signum(Long.compare(TypedValues.micros(a), TypedValues.micros(b))));
        assertThat(TypedValues.instant(TypedValues.micros(a))).isEqualTo(a);
    }

    @Property
    void datesCompareAsTheirStoredDays(@ForAll("dates") java.time.LocalDate a, @ForAll("dates") java.time.LocalDate b) {
        assertThat(Integer.signum(KeyOrdering.compare(PrimitiveType.DATE, a, b)))
                .isEqualTo(Integer.signum(Integer.compare(TypedValues.days(a), TypedValues.days(b))));
        assertThat(TypedValues.date(TypedValues.days(a))).isEqualTo(a);
    }

    @Property
    void isReflexiveAndAntisymmetric(@ForAll("triples") Triple t) {
        assertThat(KeyOrdering.compare(t.type(), t.a(), t.a())).isZero();
        assertThat(Integer.signum(KeyOrdering.compare(t.type(), t.a(), t.b())))
                .isEqualTo(-Integer.signum(KeyOrdering.compare(t.type(), t.b(), t.a())));
    }

    @Property
    void isTransitive(@ForAll("triples") Triple t) {
        List<Object> sorted = new ArrayList<>(List.of(t.a(), t.b(), t.c()));
        sorted.sort(KeyOrdering.comparator(t.type()));
        // Every pair of the sorted list must be in order, whichever order the sort compared them in.
        assertThat(KeyOrdering.compare(t.type(), sorted.get(0), sorted.get(1))).isLessThanOrEqualTo(0);
        assertThat(KeyOrdering.compare(t.type(), sorted.get(1), sorted.get(2))).isLessThanOrEqualTo(0);
        assertThat(KeyOrdering.compare(t.type(), sorted.get(0), sorted.get(2))).isLessThanOrEqualTo(0);
        int ab = KeyOrdering.compare(t.type(), t.a(), t.b());
        int bc = KeyOrdering.compare(t.type(), t.b(), t.c());
        if (ab <= 0 && bc <= 0) {
            assertThat(KeyOrdering.compare(t.type(), t.a(), t.c())).isLessThanOrEqualTo(0);
        }
        if (ab == 0) {
            assertThat(Integer.signum(KeyOrdering.compare(t.type(), t.a(), t.c())))
                    .isEqualTo(Integer.signum(KeyOrdering.compare(t.type(), t.b(), t.c())));
        }
    }

    @Property(tries = 300)
    void sortingStringsEqualsSortingTheirUtf8Bytes(@ForAll @Size(max = 30) List<@net.jqwik.api.From("strings") String> values) {
        List<String> byOrdering = new ArrayList<>(values);
        byOrdering.sort(KeyOrdering::compareStrings);
        List<String> byBytes = new ArrayList<>(values);
        byBytes.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        assertThat(byOrdering).isEqualTo(byBytes);
    }

    @Property(tries = 300)
    void sortingByteArraysEqualsSortingUnsigned(@ForAll @Size(max = 30) List<@net.jqwik.api.From("byteArrays") byte[]> values) {
        List<byte[]> byOrdering = new ArrayList<>(values);
        byOrdering.sort(KeyOrdering.comparator(PrimitiveType.BYTE_ARRAY)::compare);
        List<String> expected = values.stream().map(v -> new String(v, StandardCharsets.ISO_8859_1)).sorted().toList();
        assertThat(byOrdering.stream().map(v -> new String(v, StandardCharsets.ISO_8859_1)).toList()).isEqualTo(expected);
    }

    @Property
    void multiFieldKeysCompareFieldByField(@ForAll long a1, @ForAll("strings") String b1,
                                           @ForAll long a2, @ForAll("strings") String b2) {
        List<PrimitiveType> types = List.of(PrimitiveType.LONG, PrimitiveType.STRING);
        Comparator<List<?>> expected = Comparator.<List<?>, Long>comparing(k -> (Long) k.get(0))
                .thenComparing(k -> utf8((String) k.get(1)), Arrays::compareUnsigned);
        List<Object> x = List.of(a1, b1);
        List<Object> y = List.of(a2, b2);
        assertThat(Integer.signum(KeyOrdering.keyComparator(types).compare(x, y))).isEqualTo(Integer.signum(expected.compare(x, y)));
    }

    @Property
    void theMinimumSortsAtOrBelowEveryValue(@ForAll("triples") Triple t) {
        Object min = switch (t.type()) {
            case INT -> Integer.MIN_VALUE;
            case LONG -> Long.MIN_VALUE;
            case STRING -> "";
            case TIMESTAMP -> TypedValues.MIN_TIMESTAMP;
            case DATE -> TypedValues.MIN_DATE;
            default -> new byte[0];
        };
        assertThat(KeyOrdering.isMinimum(t.type(), min)).isTrue();
        assertThat(KeyOrdering.compare(t.type(), min, t.a())).isLessThanOrEqualTo(0);
        assertThat(KeyOrdering.isMinimum(t.type(), t.a())).isEqualTo(KeyOrdering.compare(t.type(), min, t.a()) == 0);
    }
}
