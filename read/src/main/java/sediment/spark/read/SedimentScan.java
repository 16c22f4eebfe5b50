package sediment.spark.read;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import sediment.core.error.SedimentException;
import sediment.core.key.KeyOrdering;
import sediment.core.partition.Partition;
import sediment.core.schema.PrimitiveType;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.spark.SparkSchemas;
import sediment.spark.internal.ParquetFileReaders;
import sediment.spark.internal.ParquetFileReaders.FileToRead;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A read of one committed version: the files the log references whose leaf region and min/max row key
 * may hold rows passing the key filters, in key order, one input partition per file, read by Spark's
 * Parquet reader. No file is listed from storage, so a file the log does not reference is never read.
 */
public final class SedimentScan implements Scan, Batch, SupportsReportStatistics {
    private final SparkSession spark;
    private final TableVersion table;
    private final Configuration hadoopConf;
    private final Map<String, String> options;
    private final StructType readSchema;
    private final Filter[] filters;
    private final Filter[] keyFilters;
    private final List<FileReference> planned;
    private List<FileToRead> sized;

    SedimentScan(SparkSession spark, TableVersion table, Configuration hadoopConf, Map<String, String> options,
                 StructType readSchema, Filter[] filters) {
        this.spark = spark;
        this.table = table;
        this.hadoopConf = hadoopConf;
        this.options = options;
        this.readSchema = readSchema;
        this.filters = filters.clone();
        KeyFilters keys = new KeyFilters(table.state().schema());
        this.keyFilters = Arrays.stream(filters).filter(keys::onKeys).toArray(Filter[]::new);
        this.planned = plan(table.state(), keys, keyFilters);
    }

    static List<FileReference> plan(TableState state, KeyFilters keys, Filter[] keyFilters) {
        List<PrimitiveType> types = state.schema().rowKeyTypes();
        List<FileReference> out = new ArrayList<>();
        for (FileReference file : state.files().values()) {
            Partition partition = state.partitions().partition(file.partitionId()).orElse(null);
            if (partition == null || keyFilters.length == 0 || keys.mayMatch(keyFilters, KeyBox.of(types, partition, file))) {
                out.add(file);
            }
        }
        // Each file is sorted by key and leaves do not overlap, so files in key order read a one-file-per-leaf
        // table in key order.
        Comparator<List<?>> byKey = KeyOrdering.keyComparator(types);
        Comparator<FileReference> known = Comparator.comparing(f -> knownKey(f) ? 0 : 1);
        out.sort(known.thenComparing((a, b) -> knownKey(a) && knownKey(b) ? byKey.compare(a.minRowKey(), b.minRowKey()) : 0)
                .thenComparing(FileReference::path));
        return List.copyOf(out);
    }

    private static boolean knownKey(FileReference file) {
        return file.minRowKey() != null && file.minRowKey().stream().allMatch(v -> v != null);
    }

    /** The files this scan reads, in the order of its input partitions: what a test or a user checks pruning by. */
    public List<FileReference> plannedFiles() {
        return planned;
    }

    /** The table version this scan reads. */
    public long version() {
        return table.version();
    }

    /** The files the version references in all. */
    public int tableFiles() {
        return table.state().files().size();
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    @Override
    public String description() {
        return "Sediment table " + table.tableName() + " version " + table.version() + ": " + planned.size() + " of "
                + tableFiles() + " files" + (keyFilters.length == 0 ? "" : ", pruned by " + Arrays.toString(keyFilters))
                + ", columns " + String.join(", ", readSchema.fieldNames());
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        List<FileToRead> files = sizedFiles();
        InputPartition[] partitions = new InputPartition[files.size()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = ParquetFileReaders.partition(i, List.of(files.get(i)));
        }
        return partitions;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return ParquetFileReaders.readerFactory(spark, hadoopConf, SparkSchemas.structType(table.state().schema()), readSchema,
                filters, options);
    }

    @Override
    public Statistics estimateStatistics() {
        long rows = planned.stream().mapToLong(FileReference::rows).sum();
        long bytes = sizedFiles().stream().mapToLong(FileToRead::size).sum();
        return new Statistics() {
            @Override
            public OptionalLong sizeInBytes() {
                return OptionalLong.of(bytes);
            }

            @Override
            public OptionalLong numRows() {
                return OptionalLong.of(rows);
            }
        };
    }

    /**
     * The planned files with their sizes, which Spark's reader needs: one status call per planned file (a HEAD
     * on S3), never a listing. A referenced file that is gone fails the read here, naming it.
     */
    private synchronized List<FileToRead> sizedFiles() {
        if (sized == null) {
            List<FileToRead> out = new ArrayList<>(planned.size());
            for (FileReference file : planned) {
                Path path = new Path(file.path());
                try {
                    FileStatus status = path.getFileSystem(hadoopConf).getFileStatus(path);
                    out.add(new FileToRead(file.path(), status.getLen(), status.getModificationTime()));
                } catch (FileNotFoundException e) {
                    throw new SedimentException("Cannot read table " + table.tableName() + " at version " + table.version()
                            + ": data file " + file.path() + " (partition " + file.partitionId() + ") is referenced by the log"
                            + " but missing from storage");
                } catch (IOException e) {
                    throw new SedimentException("Cannot read table " + table.tableName() + ": cannot read " + file.path()
                            + ": " + e.getMessage(), e);
                }
            }
            sized = List.copyOf(out);
        }
        return sized;
    }
}
