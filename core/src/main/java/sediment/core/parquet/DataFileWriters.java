package sediment.core.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import sediment.core.schema.Field;
import sediment.core.schema.Schema;

import java.util.Locale;

/**
 * How every writer of a table's data files (the bulk import's tasks, the standard ingest) sets up
 * parquet-mr: created exclusively, never overwriting, with the table's codec, row group and page
 * sizes, and dictionary encoding per the table's row key, sort key and value settings.
 */
public final class DataFileWriters {
    private DataFileWriters() {
    }

    public static <T, B extends ParquetWriter.Builder<T, B>> B configure(B builder, Schema schema, DataFileSettings settings,
                                                                          Configuration conf) {
        builder.withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.fromConf(settings.codec().toUpperCase(Locale.ROOT)))
                .withRowGroupSize(settings.rowGroupSize())
                .withPageSize(settings.pageSize())
                // Value columns, including every leaf column of lists and maps, take the default.
                .withDictionaryEncoding(settings.dictionaryValues());
        for (Field f : schema.rowKeyFields()) {
            builder.withDictionaryEncoding(f.name(), settings.dictionaryRowKeys());
        }
        for (Field f : schema.sortKeyFields()) {
            builder.withDictionaryEncoding(f.name(), settings.dictionarySortKeys());
        }
        return builder;
    }
}
