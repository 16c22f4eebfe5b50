package sediment.spark.bulkimport;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import sediment.core.error.CommitConflictException;
import sediment.core.error.CommitStateUnknownException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.job.BulkImportValidator;
import sediment.core.job.OutputVerifier;
import sediment.core.run.HaltPoints;
import sediment.core.run.RunFiles;
import sediment.core.run.RunRegistry;
import sediment.core.log.TransactionLog;
import sediment.core.partition.Partition;
import sediment.core.parquet.DataFileSettings;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.status.CommittedJob;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.spark.ProgressReporter;
import sediment.spark.SparkSchemas;
import sediment.spark.internal.ListedParquetFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Runs one bulk import: validate the job, register a run, route every row to its leaf, sort within
 * leaves, write one Parquet file per non-empty leaf, check that every file is there as written, and
 * commit all files in one transaction carrying the job id and run id. Either every file is committed
 * or none is; running the same job id again, or twice at once, changes nothing; a run only ever
 * deletes files it wrote itself.
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
        Optional<BulkImportResult> committed = answerIfCommitted(instance, job, platform);
        if (committed.isPresent()) {
            return committed.get();
        }
        return run(validate(instance, job, spark.sparkContext().hadoopConfiguration(), platform), platform);
    }

    /**
     * Checks the job before any work (every input footer, all problems at once), with the Hadoop settings its Spark session
     * has or will have; a refused job is recorded as failed, so its status says why.
     */
    public static BulkImportValidator.ValidatedJob validate(Instance instance, BulkImportJob job, Configuration conf, String platform) {
        Table existing = job.tableName() != null && instance.tableExists(job.tableName()) ? instance.table(job.tableName()) : null;
        try {
            return BulkImportValidator.validate(instance, job, conf, existing);
        } catch (SedimentException e) {
            new JobStatusStore(instance).tryRecord(JobStatus.accepted(job.id(), "bulk-import", job.tableName(), platform)
                    .failed(e.getMessage()));
            throw e;
        }
    }

    /** Runs a job its caller has already validated (the command line checks before it starts Spark, and only once). */
    public BulkImportResult run(BulkImportValidator.ValidatedJob validated, String platform) {
        return run(validated, platform, () -> fileInput(validated));
    }

    /**
     * The rows a job imports, as a DataFrame of the table's columns in the table's order, and how many
     * rows the job must write in all (asked once the files are written).
     */
    record Input(Dataset<Row> rows, java.util.function.LongSupplier expectedRows) {
    }

    /** The pipeline from the point the rows are a DataFrame: shared by file input and {@link DatasetBulkImport}. */
    BulkImportResult run(BulkImportValidator.ValidatedJob validated, String platform, java.util.function.Supplier<Input> input) {
        BulkImportJob job = validated.job();
        JobStatusStore statuses = new JobStatusStore(instance);
        JobStatus status = JobStatus.accepted(job.id(), "bulk-import", job.tableName(), platform);
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        // Registered before the first file is written, so gc knows the files belong to a run that may still commit.
        try (RunRegistry.ActiveRun run = RunRegistry.of(validated.table()).register(job.id(), "bulk-import")) {
            JobStatus started = status.inRun(run.runId()).started();
            statuses.tryRecord(started).ifPresent(warnings::add);
            HaltPoints.reach("bulk-import:registered");
            BulkImportResult result;
            try {
                result = runRegistered(validated, input, run.runId(), start, statuses, started);
            } catch (SedimentException e) {
                statuses.tryRecord(started.failed(e.getMessage()));
                throw e;
            } catch (Exception e) {
                // Spark throws SparkException, a checked exception, through Scala code.
                String reason = "Bulk import job " + job.id() + " failed: " + NullKeyCheck.unwrap(SedimentException.rootMessage(e));
                statuses.tryRecord(started.failed(reason));
                throw new SedimentException(reason, e);
            }
            if (!result.alreadyCommitted()) {
                statuses.tryRecord(started.finished(result.rows(), result.files(), result.seconds(),
                        result.files() == 0 ? "no input rows; nothing committed" : null)).ifPresent(warnings::add);
            }
            HaltPoints.reach("bulk-import:status-recorded");
            return result.withWarnings(warnings);
        }
    }

    /**
     * The answer for a job id the table has already committed, read from the log alone (no Spark needed),
     * or empty. Checked before validation: a committed job's input may since have been deleted.
     */
    public static Optional<BulkImportResult> answerIfCommitted(Instance instance, BulkImportJob job, String platform) {
        java.util.OptionalLong version = CommittedJob.committedAt(instance, job.tableName(), job.id());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(alreadyCommitted(job, instance.table(job.tableName()), version.getAsLong(), new JobStatusStore(instance),
                JobStatus.accepted(job.id(), "bulk-import", job.tableName(), platform), System.nanoTime()));
    }

    /**
     * A rerun of a committed job changes nothing, and keeps the record of the run that committed it;
     * only if that run died before recording it does the rerun record the counts, read from the log.
     */
    private static BulkImportResult alreadyCommitted(BulkImportJob job, Table table, long version, JobStatusStore statuses,
                                                     JobStatus status, long start) {
        List<String> warnings = CommittedJob.recordIfUnrecorded(table.instance(), table, job.id(), status.kind(), status.platform())
                .stream().toList();
        return new BulkImportResult(job.id(), table.name(), 0, 0, seconds(start), version, true, warnings);
    }

    private BulkImportResult runRegistered(BulkImportValidator.ValidatedJob validated, java.util.function.Supplier<Input> source,
                                           String runId, long start, JobStatusStore statuses, JobStatus started) {
        BulkImportJob job = validated.job();
        Table table = validated.table();
        TransactionLog log = table.log();
        // Pre-split (PreSplit): a table with too few leaves is extended first; rows are routed by the resulting tree.
        TableState state = PreSplit.ensureMinLeaves(spark, validated);
        Schema schema = state.schema();
        PartitionTree tree = state.partitions();
        List<Partition> leaves = tree.leaves();
        String runDir = table.runDataPath(job.id(), runId);
        DataFileSettings fileSettings = validated.fileSettings();
        RunFiles ownFiles = new RunFiles(runId, runDir, spark.sparkContext().hadoopConfiguration(), log);

        SortedLeafWrite.Result leafWrite;
        Input input;
        try {
            // Inside the clean-up: Spark may evaluate a small local Dataset, and its checks, while planning.
            input = source.get();
            leafWrite = writeSortedLeaves(job, runId, table, input.rows(), schema, tree, runDir, fileSettings);
        } catch (Exception e) {
            ownFiles.deleteAllBut(Set.of());
            throw new SedimentException("Bulk import job " + job.id() + " failed; nothing was committed: "
                    + NullKeyCheck.unwrap(SedimentException.rootMessage(e)), e);
        }
        HaltPoints.reach("bulk-import:files-written");
        List<WrittenFile> written = leafWrite.files();
        Set<String> winners = leafWrite.keepOnlyWinners(ownFiles);
        if (written.isEmpty()) {
            return new BulkImportResult(job.id(), table.name(), 0, 0, seconds(start), state.version(), false);
        }
        try {
            OutputVerifier.verify("Bulk import job " + job.id(), written.stream()
                    .map(w -> new OutputVerifier.Output(w.path(), w.rows(), w.bytes())).toList(), input.expectedRows().getAsLong(),
                    spark.sparkContext().hadoopConfiguration());
        } catch (SedimentException e) {
            ownFiles.delete(winners);
            throw e;
        }
        List<FileReference> files = written.stream()
                .map(w -> new FileReference(w.path(), leaves.get(w.leafIndex()).id(), w.rows(), w.minRowKey(), w.maxRowKey()))
                .toList();
        HaltPoints.reach("bulk-import:before-commit");
        TransactionLog.CommitResult commit;
        try {
            commit = log.commit(new AddFiles(job.id(), runId, files));
        } catch (CommitStateUnknownException e) {
            // The entry may have been written: the files stay, for the table or for gc.
            throw e;
        } catch (RuntimeException e) {
            ownFiles.delete(winners);
            if (e instanceof CommitConflictException) {
                throw new SedimentException("Bulk import job " + job.id() + " could not be committed; its files were removed: "
                        + e.getMessage(), e);
            }
            throw e;
        }
        HaltPoints.reach("bulk-import:committed");
        if (commit.alreadyCommitted()) {
            // Another run of the same job id committed first; this run's files are duplicates and go.
            ownFiles.delete(winners);
            return alreadyCommitted(job, table, commit.version(), statuses, started, start);
        }
        long rows = files.stream().mapToLong(FileReference::rows).sum();
        return new BulkImportResult(job.id(), table.name(), rows, files.size(), seconds(start), commit.version(), false);
    }

    /**
     * The input files as a DataFrame. Where a file's footer could not show an optional key column free of
     * nulls, the read checks each row and fails the job naming the file and column.
     */
    private Input fileInput(BulkImportValidator.ValidatedJob validated) {
        Schema schema = validated.state().schema();
        StructType tableStruct = SparkSchemas.structType(schema);
        Column[] columns = schema.allFields().stream().map(f -> col(f.name())).toArray(Column[]::new);
        Dataset<Row> rows = read(spark, validated, tableStruct).select(columns);
        rows = NullKeyCheck.failOnNull(rows, validated.keyColumnsToCheckAnywhere(), org.apache.spark.sql.functions.input_file_name());
        long expected = validated.inputRows();
        return new Input(rows, () -> expected);
    }

    /**
     * The input files as Spark reads them by path, planned from the statuses the validator's listing gave: no
     * file system call per file on the driver (see {@link ListedParquetFiles}).
     */
    static Dataset<Row> read(SparkSession spark, BulkImportValidator.ValidatedJob validated, StructType schema) {
        if (validated.inputStatuses().isEmpty()) {
            return spark.read().schema(schema).parquet(validated.inputFiles().toArray(String[]::new));
        }
        return ListedParquetFiles.read(spark, validated.inputStatuses(), schema);
    }

    private SortedLeafWrite.Result writeSortedLeaves(BulkImportJob job, String runId, Table table, Dataset<Row> input, Schema schema,
                                                PartitionTree tree, String runDir, DataFileSettings fileSettings) {
        LeafFileWriter writer = new LeafFileWriter(job.id(), runId, runDir, LeafFileWriter.metadata(table, schema, tree, job.id(), runId),
                schema, spark.sparkContext().hadoopConfiguration(),
                fileSettings, spark.sparkContext().longAccumulator(ProgressReporter.ROWS_WRITTEN), failureInjection);
        return SortedLeafWrite.write(spark, input, schema, tree, writer, "Sediment bulk import " + job.id() + " into " + table.name());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
