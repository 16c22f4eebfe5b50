package sediment.core.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * A parquet-mr writer builder for a write support the caller has made: parquet-mr only takes one through a
 * subclass of its builder, and every writer of Sediment's files (bulk import, ingest, merge) needs the same one.
 */
public final class WriteSupportBuilder<T> extends ParquetWriter.Builder<T, WriteSupportBuilder<T>> {
    private final WriteSupport<T> writeSupport;

    public WriteSupportBuilder(OutputFile file, WriteSupport<T> writeSupport) {
        super(file);
        this.writeSupport = writeSupport;
    }

    @Override
    protected WriteSupportBuilder<T> self() {
        return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
        return writeSupport;
    }
}
