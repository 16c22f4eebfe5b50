package sediment.core.merge;

import sediment.core.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Parquet compression codecs a merge can write, by their Parquet names. Others that parquet-mr
 * knows (LZO, BROTLI, the deprecated Hadoop LZ4) need native libraries this build does not ship.
 */
public enum ParquetCodec {
    UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW;

    public static final ParquetCodec DEFAULT = SNAPPY;

    /** Parses a codec name (any case); {@code null} and {@code DEFAULT} mean "not chosen here". */
    public static ParquetCodec parseOrNull(String what, String name) {
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("DEFAULT")) {
            return null;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(n)).findFirst()
                .orElseThrow(() -> new InvalidInputException(what + " '" + name + "' is not a codec Sediment can write: use one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + " or DEFAULT"));
    }
}
