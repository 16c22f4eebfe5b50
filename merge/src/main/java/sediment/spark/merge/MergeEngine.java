package sediment.spark.merge;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.merge.HistoricalCommit;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeLease;
import sediment.core.merge.MergeOptions;
import sediment.core.run.HaltPoints;
import sediment.core.run.RunId;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One merge, from options to committed and validated historical files:
 * <ol>
 * <li>check the options, read the definition, resolve the column partition value ({@link MergeTarget});</li>
 * <li>under the lease of the table and partition value, which first finishes or cleans up after
 *     earlier crashed merges: refuse existing data without force, check the source against the
 *     definition ({@link MergeSource}) and the formulas against the source ({@link MergePlanner}),
 *     write each destination into a hidden temporary directory ({@link DestinationWriter}), and
 *     commit (move into place, replacing old data with force);</li>
 * <li>validate ({@link MergeValidator}), and delete the intraday data if asked.</li>
 * </ol>
 */
final class MergeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MergeEngine.class);

    private final MergeRequest request;
    private final SparkSession spark;
    private final MergeOptions options;
    private final MergeLayout layout;
    private final Configuration hadoopConf;
    private final Storage storage;

    MergeEngine(MergeRequest request) {
        this.request = request;
        this.spark = request.spark();
        this.options = request.options();
        this.layout = MergeLayout.at(request.db());
        this.hadoopConf = spark.sparkContext().hadoopConfiguration();
        this.storage = Storages.forPath(layout.root(), hadoopConf);
    }

    MergeResult run() {
        long started = System.nanoTime();
        MergeTarget target = MergeTarget.resolve(request, layout, storage, hadoopConf);
        MergeFunctions.register(spark);
        Committed committed = writeAndCommit(target);
        List<MergeResult.Destination> destinations = committed.destinations(layout, target);
        MergeResult.Validation validation = null;
        boolean intradayDeleted = false;
        if (options.validate()) {
            validation = MergeValidator.validate(spark, target, committed.prepared(), committed.results(), destinations);
            if (options.deleteIntraday() && committed.prepared().intradayDir() != null) {
                delete(committed.prepared().intradayDir());
                intradayDeleted = true;
            }
        }
        return new MergeResult(target.namespace(), target.table(), target.partitionValue(), request.jobId(),
                committed.prepared().description(), committed.rows(), destinations, committed.replaced(), validation, intradayDeleted,
                options.lowHeapUsage(), target.codec().name(), (System.nanoTime() - started) / 1e9, committed.recovered());
    }

    /** What the commit made historical. */
    private record Committed(MergeSource.Prepared prepared, List<DestinationResult> results, List<Integer> replaced,
                             List<String> recovered) {
        List<Integer> written() {
            return results.stream().filter(r -> r.rows() > 0).map(DestinationResult::writablePartition).toList();
        }

        long rows() {
            return results.stream().mapToLong(DestinationResult::rows).sum();
        }

        List<MergeResult.Destination> destinations(MergeLayout layout, MergeTarget t) {
            return results.stream().filter(r -> r.rows() > 0)
                    .map(r -> new MergeResult.Destination(r.writablePartition(), layout.destinationFile(t.namespace(),
                            r.writablePartition(), t.partitionValue(), t.table()), r.rows(), r.groups(), r.bytes()))
                    .toList();
        }
    }

    /**
     * Writes and commits under the lease: one merge of a table and column partition at a time, and
     * the lease also finishes or rolls back what crashed merges left. Anything failing before the
     * commit abandons the lease, which removes what this merge wrote.
     */
    private Committed writeAndCommit(MergeTarget target) {
        HistoricalCommit commit = new HistoricalCommit(storage, layout, target.namespace(), target.table(), target.partitionValue(),
                HistoricalCommit.LeaseSettings.from(hadoopConf));
        Committed committed;
        try (MergeLease lease = commit.acquire(request.jobId(), RunId.next())) {
            List<String> recovered = lease.recovered();
            recovered.forEach(r -> LOG.warn("{}", r));
            try {
                List<Integer> existing = commit.existingDestinations();
                refuseExisting(target, existing);
                MergeSource.Prepared prepared = prepare(target);
                committed = new Committed(prepared, write(target, prepared, lease), options.force() ? existing : List.of(), recovered);
                request.hook().at("before-commit");
                HaltPoints.reach("merge.before-commit");
            } catch (Exception e) {
                lease.abandon();
                throw SparkErrors.translate(target.what(), e);
            }
            lease.commit(committed.written(), committed.replaced(), options.lateCleanup(), request.hook());
        }
        request.hook().at("after-commit");
        return committed;
    }

    private void refuseExisting(MergeTarget target, List<Integer> existing) {
        if (!existing.isEmpty() && !options.force()) {
            throw new InvalidInputException(target.what() + ": historical data already exists in writable partition"
                    + (existing.size() == 1 ? " " : "s ") + existing + " (" + layout.destinationDir(target.namespace(), existing.get(0),
                    target.partitionValue(), target.table()) + "); use force=true to replace it");
        }
    }

    private MergeSource.Prepared prepare(MergeTarget target) {
        MergeSource.Prepared prepared = source(target.partitionValue())
                .prepare(spark, target.definition(), target.partitionValue(), options.threadPoolSize(), target.what());
        if (!options.allowEmptyInput() && prepared.isEmpty()) {
            throw new InvalidInputException(target.what() + ": there is no input data (" + prepared.description()
                    + ") and allowEmptyInput=false");
        }
        return prepared;
    }

    private MergeSource source(String partitionValue) {
        return switch (request.sourceKind()) {
            case INTRADAY -> FileSource.intraday(layout, request.namespace(), request.table(), partitionValue);
            case HISTORICAL -> {
                HistoricalCommit sourceTable = new HistoricalCommit(storage, layout, request.sourceNamespace(), request.sourceTable(),
                        partitionValue);
                yield FileSource.historical(layout, request.sourceNamespace(), request.sourceTable(), partitionValue,
                        sourceTable.writablePartitionsOnDisk());
            }
            case DATASET -> new DatasetSource(request.sourceDataset());
        };
    }

    /** Each writable partition's file, left alone in the lease's temporary directory for the commit to move. */
    private List<DestinationResult> write(MergeTarget target, MergeSource.Prepared prepared, MergeLease lease) {
        if (prepared.rows() == null || prepared.knownRows() == 0) {
            return List.of();
        }
        MergePlan plan = MergePlanner.plan(target, options, prepared, options.lowHeapUsage());
        List<String> temps = new ArrayList<>();
        for (int i = 0; i < target.definition().writablePartitions(); i++) {
            temps.add(lease.temporaryDir(i));
        }
        List<DestinationResult> results = new DestinationWriter(spark, options, target).write(plan, temps);
        DestinationFiles.finish(results, temps, hadoopConf);
        return results;
    }

    private void delete(String dir) {
        try {
            storage.delete(dir);
        } catch (IOException e) {
            throw new SedimentException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
