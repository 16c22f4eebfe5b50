package sediment.core.testutil;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.TypedValues;

import java.time.Instant;
import java.time.LocalDate;

import java.util.List;

/**
 * jqwik generators for key values that stress the key ordering: strings mixing one- to four-byte
 * UTF-8 characters (including characters above U+E000, where UTF-16 order and code point order
 * disagree, and characters outside the BMP), and byte arrays with bytes at and above 0x80.
 * Values come from small alphabets often enough that equal prefixes and equal values are common.
 */
public final class KeyArbitraries {
    private KeyArbitraries() {
    }

    /** Characters at the edges of the UTF-8 and UTF-16 encodings, as strings (some are surrogate pairs). */
    public static final List<String> EDGE_CHARACTERS = List.of(
            "\u0000", "a", "b", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uff5e", "\uffff",
            new String(Character.toChars(0x10000)), new String(Character.toChars(0x1F600)),
            new String(Character.toChars(0x10FFFF)));

    /** One Unicode scalar value (never a lone surrogate), weighted towards multi-byte encodings. */
    public static Arbitrary<String> characters() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(EDGE_CHARACTERS)),
                Tuple.of(2, codePoints(0x00, 0x7F)),
                Tuple.of(2, codePoints(0x80, 0x7FF)),
                Tuple.of(2, codePoints(0x800, 0xD7FF)),
                Tuple.of(2, codePoints(0xE000, 0xFFFF)),
                Tuple.of(3, codePoints(0x10000, 0x10FFFF)));
    }

    private static Arbitrary<String> codePoints(int from, int to) {
        return Arbitraries.integers().between(from, to).map(cp -> new String(Character.toChars(cp)));
    }

    /** Valid strings of up to 8 characters, sometimes from a tiny alphabet so prefixes collide. */
    public static Arbitrary<String> strings() {
        Arbitrary<String> tiny = Arbitraries.of("a", "\u00e9", "\uffff", new String(Character.toChars(0x1F600)))
                .list().ofMaxSize(4).map(l -> String.join("", l));
        Arbitrary<String> wide = characters().list().ofMaxSize(8).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(Tuple.of(1, tiny), Tuple.of(2, wide));
    }

    /** Byte arrays of up to 8 bytes, weighted towards 0x00, 0x7F, 0x80 and 0xFF. */
    public static Arbitrary<byte[]> byteArrays() {
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes()),
                Tuple.of(2, Arbitraries.of((byte) 0x00, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)));
        return bytes.list().ofMaxSize(8).map(l -> {
            byte[] out = new byte[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.get(i);
            }
            return out;
        });
    }

    /** Ints, often near zero so that equal values occur, plus the extremes. */
    public static Arbitrary<Integer> ints() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-20, 20), Arbitraries.integers(),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1));
    }

    public static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-20, 20), Arbitraries.longs(),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, (long) Integer.MIN_VALUE - 1));
    }

    /**
     * Instants in whole microseconds, across the stored range (before 1970 too), often within a few
     * microseconds of each other and of the epoch, plus the extremes.
     */
    public static Arbitrary<Instant> timestamps() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-20, 20).map(TypedValues::instant),
                Arbitraries.longs().map(TypedValues::instant),
                Arbitraries.longs().between(-62_135_596_800_000_000L, 253_402_300_799_999_999L).map(TypedValues::instant),
                Arbitraries.of(TypedValues.MIN_TIMESTAMP, TypedValues.MAX_TIMESTAMP, Instant.EPOCH,
                        Instant.parse("2026-11-21T10:15:30.123456Z")));
    }

    public static Arbitrary<LocalDate> dates() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 20).map(TypedValues::date),
                Arbitraries.integers().map(TypedValues::date),
                Arbitraries.of(TypedValues.MIN_DATE, TypedValues.MAX_DATE, LocalDate.of(2026, 11, 21), LocalDate.of(1, 1, 1)));
    }

    /** Every type a key may have. */
    public static final List<PrimitiveType> KEY_TYPES = java.util.Arrays.stream(PrimitiveType.values())
            .filter(PrimitiveType::isKeyType).toList();

    /** Values of one key type. */
    public static Arbitrary<Object> values(PrimitiveType type) {
        return switch (type) {
            case INT -> ints().map(v -> v);
            case LONG -> longs().map(v -> v);
            case STRING -> strings().map(v -> v);
            case BYTE_ARRAY -> byteArrays().map(v -> v);
            case TIMESTAMP -> timestamps().map(v -> v);
            case DATE -> dates().map(v -> v);
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }
}
