package sediment.core.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The stored forms of timestamps, dates and decimals, shared by every writer and reader so that a
 * value means the same in Parquet, in Spark and in a {@link sediment.core.row.Row}: a timestamp is
 * microseconds since 1970-01-01T00:00Z in a long, a date is days since 1970-01-01 in an int, a
 * decimal is its unscaled value at the column's scale.
 */
public final class TypedValues {
    /** The earliest and latest instants whose microseconds fit in a long. */
    public static final Instant MIN_TIMESTAMP = Instant.EPOCH.plus(Long.MIN_VALUE, ChronoUnit.MICROS);
    public static final Instant MAX_TIMESTAMP = Instant.EPOCH.plus(Long.MAX_VALUE, ChronoUnit.MICROS);
    public static final LocalDate MIN_DATE = LocalDate.ofEpochDay(Integer.MIN_VALUE);
    public static final LocalDate MAX_DATE = LocalDate.ofEpochDay(Integer.MAX_VALUE);

    private TypedValues() {
    }

    public static long micros(Instant instant) {
        long seconds = instant.getEpochSecond();
        long micros = instant.getNano() / 1000;
        if (seconds < 0 && micros > 0) {
            // Borrow a second first, so that the earliest instant's seconds do not overflow on the way.
            return Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000L), micros - 1_000_000L);
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
    }

    public static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    public static int days(LocalDate date) {
        return Math.toIntExact(date.toEpochDay());
    }

    public static LocalDate date(int days) {
        return LocalDate.ofEpochDay(days);
    }

    /** Why an instant cannot be a TimestampType value, or null if it can: it must be whole microseconds, in a long's range. */
    public static String timestampProblem(Instant instant) {
        if (instant.getNano() % 1000 != 0) {
            return "has a fraction of a microsecond; TimestampType holds whole microseconds";
        }
        if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
            return "is outside TimestampType's range (" + MIN_TIMESTAMP + " to " + MAX_TIMESTAMP + ")";
        }
        return null;
    }

    /** Why a date cannot be a DateType value, or null if it can. */
    public static String dateProblem(LocalDate date) {
        return date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE) ? "is outside DateType's range" : null;
    }

    /**
     * The value at the type's scale, if that needs no rounding and it then has at most the type's
     * precision; otherwise null. 1.5 fits DecimalType(5,2) as 1.50; 1.555 does not.
     */
    public static BigDecimal fit(DecimalType type, BigDecimal value) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.scale());
        } catch (ArithmeticException e) {
            return null;
        }
        // At a fixed scale, precision() counts the unscaled digits.
        return scaled.precision() <= type.precision() ? scaled : null;
    }

    public static BigDecimal decimal(DecimalType type, BigInteger unscaled) {
        return new BigDecimal(unscaled, type.scale());
    }

    public static BigDecimal decimal(DecimalType type, long unscaled) {
        return BigDecimal.valueOf(unscaled, type.scale());
    }

    /**
     * An INT96 timestamp (Spark's default on write, and Impala's): nanoseconds of the day in the first
     * eight bytes and the Julian day in the last four, little-endian, always UTC. Sub-microsecond
     * digits, which TimestampType does not hold, are dropped.
     */
    public static long int96Micros(byte[] bytes) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = Integer.toUnsignedLong(buffer.getInt());
        long epochDay = julianDay - JULIAN_DAY_OF_EPOCH;
        return Math.addExact(Math.multiplyExact(epochDay, 86_400_000_000L), Math.floorDiv(nanosOfDay, 1000L));
    }

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

    /** A decimal's unscaled value as Parquet's FIXED_LEN_BYTE_ARRAY: big-endian two's complement, sign-extended to {@code length}. */
    public static byte[] fixedBytes(BigInteger unscaled, int length) {
        byte[] minimal = unscaled.toByteArray();
        if (minimal.length > length) {
            throw new ArithmeticException(unscaled + " does not fit in " + length + " bytes");
        }
        byte[] out = new byte[length];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
        java.util.Arrays.fill(out, 0, length - minimal.length, pad);
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    /** Parquet's and Spark's physical form for a precision: INT32 up to 9 digits, INT64 up to 18, bytes above. */
    public static int bytesFor(int precision) {
        // The fewest bytes whose two's complement holds 10^precision - 1.
        return (BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1 + 7) / 8;
    }
}
