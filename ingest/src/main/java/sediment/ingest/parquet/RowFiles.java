package sediment.ingest.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.OutputFile;
import sediment.core.parquet.DataFileOutput;
import sediment.core.parquet.DataFileSettings;
import sediment.core.parquet.DataFileWriters;
import sediment.core.parquet.WriteSupportBuilder;
import sediment.core.row.Row;
import sediment.core.schema.Schema;

import java.io.IOException;
import java.util.Map;

/** Opens Parquet writers and readers of {@link Row}s: the table's data files, and the ingest's local runs. */
public final class RowFiles {
    private RowFiles() {
    }

    /** A new file (never an overwrite) encoded as the table's settings say. */
    public static ParquetWriter<Row> writer(String path, Schema schema, DataFileSettings settings, Map<String, String> metadata,
                                            Configuration conf) throws IOException {
        return DataFileWriters.configure(new WriteSupportBuilder<>(DataFileOutput.forPath(path, conf),
                new CoreRowWriteSupport(schema, metadata)), schema, settings, conf).build();
    }

    /** Writes rows to one new file; closing it finishes the file. */
    public interface RowSink extends AutoCloseable {
        void write(Row row) throws IOException;

        @Override
        void close() throws IOException;
    }

    /**
     * A new data file (never an overwrite) encoded as the table's settings say, written the cheapest way
     * the schema allows: straight into column writers when every column is primitive
     * ({@link FlatRowFileWriter}), through parquet-mr's record writer otherwise.
     */
    public static RowSink dataFile(String path, Schema schema, DataFileSettings settings, Map<String, String> metadata,
                                   Configuration conf) throws IOException {
        if (schema.allFields().stream().allMatch(f -> f.type() instanceof sediment.core.schema.PrimitiveType)) {
            return new FlatRowFileWriter(path, schema, settings, metadata, conf);
        }
        ParquetWriter<Row> writer = writer(path, schema, settings, metadata, conf);
        return new RowSink() {
            @Override
            public void write(Row row) throws IOException {
                writer.write(row);
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    public static ParquetReader<Row> reader(String path, Schema schema, Configuration conf) throws IOException {
        return ParquetReader.builder(new CoreRowReadSupport(schema), new Path(path)).withConf(conf).build();
    }

    /** Reads from an input file whose status is known, without another round trip for it. */
    public static ParquetReader<Row> reader(HadoopInputFile file, Schema schema, Configuration conf) throws IOException {
        return new ReaderBuilder(file, schema).withConf(conf).build();
    }

    private static final class ReaderBuilder extends ParquetReader.Builder<Row> {
        private final Schema schema;

        ReaderBuilder(HadoopInputFile file, Schema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected org.apache.parquet.hadoop.api.ReadSupport<Row> getReadSupport() {
            return new CoreRowReadSupport(schema);
        }
    }
}
