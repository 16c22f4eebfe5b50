package sediment.core.parquet;

import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;

import sediment.core.error.InvalidInputException;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How a table's data files are encoded, resolved from the table's properties (job, then table, then
 * instance default): the codec, row group and page sizes, and where dictionary encoding is used.
 */
public record DataFileSettings(String codec, long rowGroupSize, int pageSize, boolean dictionaryRowKeys,
                               boolean dictionarySortKeys, boolean dictionaryValues) implements Serializable {

    /** The codecs parquet-mr writes without native libraries beyond those Spark ships. */
    public static final List<String> CODECS = List.of("uncompressed", "snappy", "gzip", "lz4_raw", "zstd");

    /** Reads and checks the settings, so a bad value fails before any Spark work with the property's name. */
    public static DataFileSettings from(PropertyLayers settings) {
        String codec = settings.get(SedimentProperties.COMPRESSION_CODEC).trim().toLowerCase(Locale.ROOT);
        if (!CODECS.contains(codec)) {
            throw new InvalidInputException("Property " + SedimentProperties.COMPRESSION_CODEC.name() + " must be one of "
                    + String.join(", ", CODECS) + ", not '" + codec + "'");
        }
        long rowGroupSize = settings.getLong(SedimentProperties.ROW_GROUP_SIZE);
        int pageSize = settings.getInt(SedimentProperties.PAGE_SIZE);
        if (rowGroupSize <= 0 || pageSize <= 0) {
            throw new InvalidInputException("Properties " + SedimentProperties.ROW_GROUP_SIZE.name() + " and "
                    + SedimentProperties.PAGE_SIZE.name() + " must be positive");
        }
        return new DataFileSettings(codec, rowGroupSize, pageSize,
                settings.getBoolean(SedimentProperties.DICTIONARY_ROW_KEY_FIELDS),
                settings.getBoolean(SedimentProperties.DICTIONARY_SORT_KEY_FIELDS),
                settings.getBoolean(SedimentProperties.DICTIONARY_VALUE_FIELDS));
    }
}
