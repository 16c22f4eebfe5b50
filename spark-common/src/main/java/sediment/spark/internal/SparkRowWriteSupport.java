package sediment.spark.internal;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.StructType;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Spark's own internal-row-to-Parquet conversion for parquet-mr writers, so files are what Spark
 * would write, plus key-value metadata for the footer computed when the file is finished.
 * Spark's write support reads its settings from the Hadoop configuration under SQL keys, which
 * {@link #configure} sets as Spark's file writer would.
 */
public final class SparkRowWriteSupport extends ParquetWriteSupport {
    private final transient Supplier<Map<String, String>> footer;

    public SparkRowWriteSupport(Supplier<Map<String, String>> footer) {
        this.footer = footer;
    }

    /** Sets what Spark's write support reads: the row schema, standard (non-legacy) Parquet, microsecond timestamps. */
    public static Configuration configure(Configuration conf, StructType rowSchema) {
        try {
            conf.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), rowSchema.json());
        } catch (LinkageError e) {
            throw SparkVersion.unavailable("ParquetWriteSupport.SPARK_ROW_SCHEMA", e);
        }
        conf.set("spark.sql.parquet.writeLegacyFormat", "false");
        conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.set("spark.sql.parquet.fieldId.write.enabled", "false");
        return conf;
    }

    @Override
    public WriteSupport.FinalizedWriteContext finalizeWrite() {
        return new WriteSupport.FinalizedWriteContext(footer.get());
    }
}
