package sediment.core.key;

import sediment.core.schema.PrimitiveType;
import sediment.core.schema.TypedValues;

import java.time.Instant;
import java.time.LocalDate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one ordering of key values that every part of Sediment uses: the partitioner, the sort, the
 * writer and every reader. Ints and longs are signed; strings compare by Unicode code point, which is
 * the same as comparing their UTF-8 bytes unsigned; byte arrays compare unsigned, byte by byte. This
 * is also Spark's own order for these types, so a Spark sort agrees with it. Timestamps and dates
 * compare in time order, which is the order of their stored microseconds and days (Spark's too).
 */
public final class KeyOrdering {
    private KeyOrdering() {
    }

    /** Compares two non-null values of one key type. */
    public static int compare(PrimitiveType type, Object a, Object b) {
        return switch (type) {
            case INT -> Integer.compare((Integer) a, (Integer) b);
            case LONG -> Long.compare((Long) a, (Long) b);
            case STRING -> compareStrings((String) a, (String) b);
            case BYTE_ARRAY -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case TIMESTAMP -> ((Instant) a).compareTo((Instant) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    /**
     * Code point order without decoding: UTF-16 order differs from it only where a surrogate meets a
     * character at or above U+E000, so the first differing pair is shifted so that surrogates sort
     * above every BMP character.
     */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(fixUp(x), fixUp(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int fixUp(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /**
     * True for the smallest value of a key type (MIN_VALUE, the empty string, the empty byte array, the
     * earliest timestamp and date the stored forms hold):
     * no key sorts below it, so a partition ending there would always be empty.
     */
    public static boolean isMinimum(PrimitiveType type, Object value) {
        return switch (type) {
            case INT -> (Integer) value == Integer.MIN_VALUE;
            case LONG -> (Long) value == Long.MIN_VALUE;
            case STRING -> ((String) value).isEmpty();
            case BYTE_ARRAY -> ((byte[]) value).length == 0;
            case TIMESTAMP -> value.equals(TypedValues.MIN_TIMESTAMP);
            case DATE -> value.equals(TypedValues.MIN_DATE);
            default -> throw new IllegalArgumentException(type + " is not a key type");
        };
    }

    /** Compares keys field by field, the first difference deciding. Both keys have one value per type. */
    public static int compareKeys(List<PrimitiveType> types, List<?> a, List<?> b) {
        for (int i = 0; i < types.size(); i++) {
            int c = compare(types.get(i), a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public static Comparator<Object> comparator(PrimitiveType type) {
        return (a, b) -> compare(type, a, b);
    }

    public static Comparator<List<?>> keyComparator(List<PrimitiveType> types) {
        List<PrimitiveType> copy = List.copyOf(types);
        return (a, b) -> compareKeys(copy, a, b);
    }
}
