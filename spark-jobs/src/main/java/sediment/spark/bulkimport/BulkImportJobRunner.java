package sediment.spark.bulkimport;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import sediment.core.error.CommitConflictException;
import sediment.core.error.CommitStateUnknownException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.job.BulkImportValidator;
import sediment.core.log.TransactionLog;
import sediment.core.partition.Partition;
import sediment.core.parquet.DataFileSettings;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.Storage;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.spark.JavaBytes;
import sediment.spark.ProgressReporter;
import sediment.spark.SparkSchemas;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Runs one bulk import: validate the job, route every row to its leaf, sort within leaves, write one
 * Parquet file per non-empty leaf, and commit all files in one transaction carrying the job id.
 * Either every file is committed or none is; running the same job id again changes nothing.
 */
public final class BulkImportJobRunner {
    private final SparkSession spark;
    private final Instance instance;
    private final LeafFileWriter.FailureInjection failureInjection;

    public BulkImportJobRunner(SparkSession spark, Instance instance) {
        this(spark, instance, null);
    }

    BulkImportJobRunner(SparkSession spark, Instance instance, LeafFileWriter.FailureInjection failureInjection) {
        this.spark = spark;
        this.instance = instance;
        this.failureInjection = failureInjection;
    }

    public BulkImportResult run(BulkImportJob job, String platform) {
        JobStatusStore statuses = new JobStatusStore(instance);
        JobStatus status = JobStatus.accepted(job.id(), "bulk-import", job.tableName(), platform);
        statuses.record(status.started());
        long start = System.nanoTime();
        try {
            BulkImportResult result = runValidated(job, start);
            statuses.record(status.finished(result.rows(), result.files(), result.seconds(),
                    result.alreadyCommitted() ? "already committed earlier; nothing changed"
                            : result.files() == 0 ? "no input rows; nothing committed" : null));
            return result;
        } catch (SedimentException e) {
            statuses.record(status.failed(e.getMessage()));
            throw e;
        } catch (Exception e) {
            // Spark throws SparkException, a checked exception, through Scala code.
            String reason = "Bulk import job " + job.id() + " failed: " + rootMessage(e);
            statuses.record(status.failed(reason));
            throw new SedimentException(reason, e);
        }
    }

    private BulkImportResult runValidated(BulkImportJob job, long start) {
        // Checked before validation: a committed job's input may since have been deleted.
        Table existing = job.tableName() != null && instance.tableExists(job.tableName()) ? instance.table(job.tableName()) : null;
        if (existing != null) {
            TableState before = existing.state();
            if (before.committedJobIds().contains(job.id())) {
                return new BulkImportResult(job.id(), job.tableName(), 0, 0, seconds(start), before.version(), true);
            }
        }
        BulkImportValidator.ValidatedJob validated = BulkImportValidator.validate(instance, job,
                spark.sparkContext().hadoopConfiguration(), existing);
        Table table = validated.table();
        TransactionLog log = table.log();
        TableState state = validated.state();
        Schema schema = state.schema();
        PartitionTree tree = state.partitions();
        List<Partition> leaves = tree.leaves();
        List<String> leafDirs = leaves.stream().map(l -> leafDirectory(table, l)).toList();
        DataFileSettings fileSettings = validated.fileSettings();

        List<WrittenFile> written;
        try {
            written = writeSortedLeaves(job, table, validated.inputFiles(), schema, tree, leafDirs, fileSettings);
        } catch (Exception e) {
            deleteFilesOfJob(job.id(), leafDirs, Set.of());
            throw new SedimentException("Bulk import job " + job.id() + " failed; nothing was committed: "
                    + rootMessage(e), e);
        }
        Set<String> winners = new HashSet<>();
        written.forEach(w -> winners.add(w.path()));
        deleteFilesOfJob(job.id(), leafDirs, winners);
        if (written.isEmpty()) {
            return new BulkImportResult(job.id(), table.name(), 0, 0, seconds(start), state.version(), false);
        }
        List<FileReference> files = written.stream()
                .map(w -> new FileReference(w.path(), leaves.get(w.leafIndex()).id(), w.rows(), w.minRowKey(), w.maxRowKey()))
                .toList();
        TransactionLog.CommitResult commit;
        try {
            commit = log.commit(new AddFiles(job.id(), files));
        } catch (CommitStateUnknownException e) {
            throw e;
        } catch (RuntimeException e) {
            deleteFilesOfJob(job.id(), leafDirs, Set.of());
            if (e instanceof CommitConflictException) {
                throw new SedimentException("Bulk import job " + job.id() + " could not be committed; its files were removed: "
                        + e.getMessage(), e);
            }
            throw e;
        }
        if (commit.alreadyCommitted()) {
            // Another run of the same job id committed first; ours is a duplicate and must go.
            deleteFilesOfJob(job.id(), leafDirs, commit.state().files().keySet());
            return new BulkImportResult(job.id(), table.name(), 0, 0, seconds(start), commit.version(), true);
        }
        long rows = files.stream().mapToLong(FileReference::rows).sum();
        return new BulkImportResult(job.id(), table.name(), rows, files.size(), seconds(start), commit.version(), false);
    }

    private List<WrittenFile> writeSortedLeaves(BulkImportJob job, Table table, List<String> inputFiles, Schema schema,
                                                PartitionTree tree, List<String> leafDirs, DataFileSettings fileSettings) {
        StructType tableStruct = SparkSchemas.structType(schema);
        Column[] columns = schema.allFields().stream().map(f -> col(f.name())).toArray(Column[]::new);
        Dataset<Row> input = spark.read().schema(tableStruct).parquet(inputFiles.toArray(String[]::new)).select(columns);
        int leafCount = tree.leaves().size();
        Column[] sortColumns = java.util.stream.Stream.concat(schema.rowKeyFields().stream(), schema.sortKeyFields().stream())
                .map(f -> col(f.name())).toArray(Column[]::new);
        Dataset<Row> sorted = LeafShuffle.byLeaf(spark, input, LeafLocator.of(tree, schema), leafCount)
                .sortWithinPartitions(sortColumns);
        JavaRDD<InternalRow> rows = sorted.queryExecution().toRdd().toJavaRDD();
        if (rows.getNumPartitions() != leafCount) {
            throw new IllegalStateException("expected " + leafCount + " Spark partitions, one per leaf, but the plan has "
                    + rows.getNumPartitions());
        }
        LeafFileWriter writer = new LeafFileWriter(job.id(), leafDirs, schema, spark.sparkContext().hadoopConfiguration(),
                fileSettings, spark.sparkContext().longAccumulator(ProgressReporter.ROWS_WRITTEN), failureInjection);
        spark.sparkContext().setJobDescription("Sediment bulk import " + job.id() + " into " + table.name());
        // As bytes: Kryo (spark.serializer in conf/spark-defaults.conf) cannot carry a record back to the driver.
        return rows.mapPartitionsWithIndex(writer, false).map(JavaBytes::encode).collect().stream()
                .map(bytes -> JavaBytes.decode(bytes, WrittenFile.class)).toList();
    }

    static String leafDirectory(Table table, Partition leaf) {
        return Storage.join(table.dataPath(), "partition_" + leaf.id());
    }

    /** Deletes this job's files in the leaf directories except {@code keep}: losing or failed attempts. */
    private void deleteFilesOfJob(String jobId, List<String> leafDirs, Set<String> keep) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (String dir : leafDirs) {
            try {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
                org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
                if (!fs.exists(path)) {
                    continue;
                }
                for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(path)) {
                    String qualified = fs.makeQualified(f.getPath()).toString();
                    if (LeafFileWriter.isFileOfJob(f.getPath().getName(), jobId) && !keep.contains(qualified)) {
                        fs.delete(f.getPath(), false);
                    }
                }
            } catch (IOException e) {
                // Left for 'sediment gc', which removes unreferenced files after the grace period.
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.split("\n")[0];
    }
}
