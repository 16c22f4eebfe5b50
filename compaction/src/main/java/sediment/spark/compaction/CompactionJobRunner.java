package sediment.spark.compaction;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.compaction.CompactionJob;
import sediment.core.compaction.CompactionPlan;
import sediment.core.compaction.CompactionPlanner;
import sediment.core.error.CommitConflictException;
import sediment.core.error.CommitStateUnknownException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.Table;
import sediment.core.job.OutputVerifier;
import sediment.core.log.TransactionLog;
import sediment.core.parquet.DataFileSettings;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.run.HaltPoints;
import sediment.core.run.RunFiles;
import sediment.core.run.RunRegistry;
import sediment.core.schema.Schema;
import sediment.core.status.CommittedJob;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.table.FileReference;
import sediment.core.table.ReplaceFiles;
import sediment.core.table.TableState;
import sediment.spark.ProgressReporter;
import sediment.spark.SparkSchemas;
import sediment.spark.bulkimport.LeafFileWriter;
import sediment.spark.bulkimport.SortedLeafWrite;
import sediment.spark.bulkimport.WrittenFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Runs one compaction: plan from the table state, register a run, read the chosen leaves' files (and the
 * files on their ancestors), write one sorted file per leaf with the bulk import's writer, check the files,
 * and commit them in one ReplaceFiles transaction that removes every file read. Another commit that removed
 * one of those files first makes the commit a conflict: nothing changes, this run's files go, and the job
 * says which leaf changed. The files it replaced are garbage for gc only once the commit is in the log.
 */
public final class CompactionJobRunner {
    static final String KIND = "compact";

    private final SparkSession spark;
    private final Instance instance;
    private final Runnable beforeCommit;

    public CompactionJobRunner(SparkSession spark, Instance instance) {
        this(spark, instance, () -> { });
    }

    /** {@code beforeCommit} lets tests commit something else between this run's write and its commit. */
    CompactionJobRunner(SparkSession spark, Instance instance, Runnable beforeCommit) {
        this.spark = spark;
        this.instance = instance;
        this.beforeCommit = beforeCommit;
    }

    /** The plan a job would run now, without Spark: the command line prints it and skips Spark when it is empty. */
    public static CompactionPlan plan(Instance instance, CompactionJob job) {
        Table table = instance.table(job.tableName());
        PropertyLayers settings = table.settings(job.platformSpec());
        return CompactionPlanner.plan(table.state(), job.partitionId(), CompactionPlanner.minFiles(job, settings));
    }

    /** The answer for a job id the table has already committed, from the log alone, or empty. */
    public static Optional<CompactionResult> answerIfCommitted(Instance instance, CompactionJob job, String platform) {
        java.util.OptionalLong version = CommittedJob.committedAt(instance, job.tableName(), job.id());
        if (version.isEmpty()) {
            return Optional.empty();
        }
        List<String> warnings = CommittedJob.recordIfUnrecorded(instance, instance.table(job.tableName()), job.id(), KIND, platform)
                .stream().toList();
        return Optional.of(new CompactionResult(job.id(), job.tableName(), 0, 0, 0, 0, 0, version.getAsLong(), true, warnings));
    }

    public CompactionResult run(CompactionJob job, String platform) {
        Optional<CompactionResult> committed = answerIfCommitted(instance, job, platform);
        if (committed.isPresent()) {
            return committed.get();
        }
        JobStatusStore statuses = new JobStatusStore(instance);
        JobStatus status = JobStatus.accepted(job.id(), KIND, job.tableName(), platform);
        long start = System.nanoTime();
        Table table;
        TableState state;
        CompactionPlan plan;
        DataFileSettings fileSettings;
        try {
            table = instance.table(job.tableName());
            PropertyLayers settings = table.settings(job.platformSpec());
            fileSettings = DataFileSettings.from(settings);
            state = table.state();
            plan = CompactionPlanner.plan(state, job.partitionId(), CompactionPlanner.minFiles(job, settings));
        } catch (SedimentException e) {
            statuses.tryRecord(status.failed(e.getMessage()));
            throw e;
        }
        List<String> warnings = new ArrayList<>();
        if (plan.isEmpty()) {
            statuses.tryRecord(status.finished(0, 0, seconds(start), "no leaf needs compacting; nothing committed"))
                    .ifPresent(warnings::add);
            return new CompactionResult(job.id(), table.name(), 0, 0, 0, 0, seconds(start), state.version(), false, warnings);
        }
        // Registered before the first file is written, so gc knows the files belong to a run that may still commit.
        try (RunRegistry.ActiveRun run = RunRegistry.of(table).register(job.id(), KIND)) {
            JobStatus started = status.inRun(run.runId()).started();
            statuses.tryRecord(started).ifPresent(warnings::add);
            HaltPoints.reach("compact:registered");
            CompactionResult result;
            try {
                result = runRegistered(job, platform, table, state, plan, fileSettings, run.runId(), start);
            } catch (SedimentException e) {
                statuses.tryRecord(started.failed(e.getMessage()));
                throw e;
            } catch (Exception e) {
                String reason = "Compaction job " + job.id() + " failed: " + SedimentException.rootMessage(e);
                statuses.tryRecord(started.failed(reason));
                throw new SedimentException(reason, e);
            }
            if (!result.alreadyCommitted()) {
                statuses.tryRecord(started.finished(result.rows(), result.filesWritten(), result.seconds(), null))
                        .ifPresent(warnings::add);
            }
            return result.withWarnings(warnings);
        }
    }

    private CompactionResult runRegistered(CompactionJob job, String platform, Table table, TableState state, CompactionPlan plan,
                                           DataFileSettings fileSettings, String runId, long start) {
        TransactionLog log = table.log();
        Schema schema = state.schema();
        PartitionTree tree = state.partitions();
        List<Partition> leaves = tree.leaves();
        String runDir = table.runDataPath(job.id(), runId);
        RunFiles ownFiles = new RunFiles(runId, runDir, spark.sparkContext().hadoopConfiguration(), log);

        SortedLeafWrite.Result leafWrite;
        try {
            leafWrite = write(job, runId, table, plan, schema, tree, runDir, fileSettings);
        } catch (Exception e) {
            ownFiles.deleteAllBut(Set.of());
            throw new SedimentException("Compaction job " + job.id() + " failed; nothing was committed: "
                    + SedimentException.rootMessage(e), e);
        }
        HaltPoints.reach("compact:files-written");
        List<WrittenFile> written = leafWrite.files();
        Set<String> winners = leafWrite.keepOnlyWinners(ownFiles);
        List<FileReference> outputs = written.stream()
                .map(w -> new FileReference(w.path(), leaves.get(w.leafIndex()).id(), w.rows(), w.minRowKey(), w.maxRowKey()))
                .toList();
        ReplaceFiles transaction;
        try {
            transaction = plan.commit(job.id(), runId, outputs);
            OutputVerifier.verify("Compaction job " + job.id(), written.stream()
                    .map(w -> new OutputVerifier.Output(w.path(), w.rows(), w.bytes())).toList(), plan.inputRows(),
                    spark.sparkContext().hadoopConfiguration());
        } catch (RuntimeException e) {
            ownFiles.delete(winners);
            throw e;
        }
        HaltPoints.reach("compact:before-commit");
        beforeCommit.run();
        TransactionLog.CommitResult commit;
        try {
            commit = log.commit(transaction);
        } catch (CommitStateUnknownException e) {
            // The entry may have been written: the files stay, for the table or for gc.
            throw e;
        } catch (CommitConflictException e) {
            ownFiles.delete(winners);
            throw new SedimentException(conflictMessage(job, table, plan, e), e);
        } catch (RuntimeException e) {
            ownFiles.delete(winners);
            throw e;
        }
        HaltPoints.reach("compact:committed");
        if (commit.alreadyCommitted()) {
            // Another run of the same job id committed first; this run's files are duplicates.
            ownFiles.delete(winners);
            return answerIfCommitted(instance, job, platform).orElseThrow();
        }
        return new CompactionResult(job.id(), table.name(), plan.leafIds().size(), plan.inputs().size(), outputs.size(),
                plan.inputRows(), seconds(start), commit.version(), false, List.of());
    }

    /** Names the leaf whose files another commit replaced first, so the user knows a rerun is all it takes. */
    private static String conflictMessage(CompactionJob job, Table table, CompactionPlan plan, CommitConflictException e) {
        Optional<String> changed;
        try {
            changed = plan.changedPartition(table.state().files());
        } catch (RuntimeException readFailure) {
            changed = Optional.empty();
        }
        String what = changed.map(p -> (plan.leafIds().contains(p) ? "leaf " : "partition ") + p
                + " changed while compacting (another commit replaced its files)").orElse(e.getMessage());
        return "Compaction job " + job.id() + " committed nothing: " + what + ": rerun; its own files were removed";
    }

    private SortedLeafWrite.Result write(CompactionJob job, String runId, Table table, CompactionPlan plan, Schema schema,
                                    PartitionTree tree, String runDir, DataFileSettings fileSettings) {
        Column[] columns = schema.allFields().stream().map(f -> col(f.name())).toArray(Column[]::new);
        Dataset<Row> input = spark.read().schema(SparkSchemas.structType(schema))
                .parquet(plan.inputPaths().toArray(String[]::new)).select(columns);
        LeafFileWriter writer = new LeafFileWriter(job.id(), runId, runDir, LeafFileWriter.metadata(table, schema, tree, job.id(), runId),
                schema, spark.sparkContext().hadoopConfiguration(),
                fileSettings, spark.sparkContext().longAccumulator(ProgressReporter.ROWS_WRITTEN), null);
        return SortedLeafWrite.write(spark, input, schema, tree, writer, "Sediment compaction " + job.id() + " of " + table.name()
                + " (" + plan.leafIds().size() + " leaves)");
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
