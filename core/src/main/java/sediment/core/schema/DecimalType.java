package sediment.core.schema;

import sediment.core.error.InvalidInputException;

/**
 * A fixed-point number with {@code precision} digits in all, {@code scale} of them after the point,
 * as Spark's DecimalType(p, s) and Parquet's DECIMAL(p, s). Values are {@link java.math.BigDecimal}s
 * of exactly this scale. A value type only: it is never a row or sort key.
 */
public record DecimalType(int precision, int scale) implements FieldType {
    /** The largest precision Spark and Parquet readers agree on. */
    public static final int MAX_PRECISION = 38;

    public DecimalType {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new InvalidInputException("DecimalType: precision must be between 1 and " + MAX_PRECISION + ", not " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new InvalidInputException("DecimalType: scale must be between 0 and the precision (" + precision + "), not " + scale);
        }
    }

    @Override
    public String jsonName() {
        return "DecimalType";
    }

    @Override
    public String toString() {
        return "DecimalType(" + precision + "," + scale + ")";
    }
}
