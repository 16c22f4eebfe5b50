package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.error.InvalidInputException;
import sediment.core.merge.HistoricalCommit;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeOptions;
import sediment.spark.LocalSpark;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A merge of one column partition of one table from intraday into historical storage, built as in
 * the seed:
 * <pre>
 * MergeData.builder(db, "Market", "Trades")
 *     .partitionColumnValue("2024-01-02")
 *     .sortColumnFormula("Timestamp")
 *     .build()
 *     .run();
 * </pre>
 * {@code db} is the db's location: a local directory or a Hadoop URI. The option setters are the
 * seed's names; the seed's {@code set...} forms work too. See {@link RemergeData} for re-merging
 * historical data and {@link MergeFromTable} for merging a Dataset.
 */
public final class MergeData {
    private final MergeEngine.Request request;

    private MergeData(MergeEngine.Request request) {
        this.request = request;
    }

    public static Builder builder(String db, String namespace, String table) {
        return new Builder(db, namespace, table);
    }

    /** Merges, commits and (unless validate=false) validates; throws a one-line SedimentException on failure. */
    public MergeResult run() {
        return new MergeEngine(request).run();
    }

    public String jobId() {
        return request.jobId();
    }

    public static final class Builder {
        private final String db;
        private final String namespace;
        private final String table;
        private MergeOptions.Builder options = MergeOptions.builder();
        private MergeEngine.SourceKind sourceKind = MergeEngine.SourceKind.INTRADAY;
        private String sourceNamespace;
        private String sourceTable;
        private Dataset<Row> sourceDataset;
        private SparkSession spark;
        private Clock clock = Clock.systemDefaultZone();
        private String jobId;
        private HistoricalCommit.Hook hook = HistoricalCommit.Hook.NONE;

        private Builder(String db, String namespace, String table) {
            this.db = MergeLayout.location(db);
            this.namespace = namespace;
            this.table = table;
        }

        public Builder partitionColumnValue(String v) {
            options.partitionColumnValue(v);
            return this;
        }

        public Builder partitionColumnFormula(String v) {
            options.partitionColumnFormula(v);
            return this;
        }

        public Builder threadPoolSize(int v) {
            options.threadPoolSize(v);
            return this;
        }

        public Builder maximumConcurrentColumns(int v) {
            options.maximumConcurrentColumns(v);
            return this;
        }

        public Builder lowHeapUsage(boolean v) {
            options.lowHeapUsage(v);
            return this;
        }

        public Builder force(boolean v) {
            options.force(v);
            return this;
        }

        public Builder allowEmptyInput(boolean v) {
            options.allowEmptyInput(v);
            return this;
        }

        public Builder sortColumnFormula(String v) {
            options.sortColumnFormula(v);
            return this;
        }

        public Builder storageFormat(String v) {
            options.storageFormat(v);
            return this;
        }

        public Builder codecName(String v) {
            options.codecName(v);
            return this;
        }

        public Builder lateCleanup(boolean v) {
            options.lateCleanup(v);
            return this;
        }

        /** Compare row count and checksum of the historical data with the source after the merge (default true). */
        public Builder validate(boolean v) {
            options.validate(v);
            return this;
        }

        /** Delete the intraday data once validation passed (default false). */
        public Builder deleteIntraday(boolean v) {
            options.deleteIntraday(v);
            return this;
        }

        /** A definition file to use instead of {@code <db>/Schemas/<namespace>/<table>.json}. */
        public Builder tableDef(String v) {
            options.tableDef(v);
            return this;
        }

        // The seed's setter names.
        public Builder setPartitionColumnValue(String v) {
            return partitionColumnValue(v);
        }

        public Builder setPartitionColumnFormula(String v) {
            return partitionColumnFormula(v);
        }

        public Builder setThreadPoolSize(int v) {
            return threadPoolSize(v);
        }

        public Builder setMaximumConcurrentColumns(int v) {
            return maximumConcurrentColumns(v);
        }

        public Builder setLowHeapUsage(boolean v) {
            return lowHeapUsage(v);
        }

        public Builder setForce(boolean v) {
            return force(v);
        }

        public Builder setAllowEmptyInput(boolean v) {
            return allowEmptyInput(v);
        }

        public Builder setSortColumnFormula(String v) {
            return sortColumnFormula(v);
        }

        public Builder setStorageFormat(String v) {
            return storageFormat(v);
        }

        public Builder setCodecName(String v) {
            return codecName(v);
        }

        /** All options at once, e.g. from a job spec or command line; replaces what was set before. */
        public Builder options(MergeOptions o) {
            options = o.toBuilder();
            return this;
        }

        /** Merge a Dataset instead of intraday files (the seed's merge from an in-memory table). */
        public Builder sourceTable(Dataset<Row> source) {
            this.sourceKind = MergeEngine.SourceKind.DATASET;
            this.sourceDataset = source;
            return this;
        }

        Builder historicalSource(String namespace, String table) {
            this.sourceKind = MergeEngine.SourceKind.HISTORICAL;
            this.sourceNamespace = MergeLayout.checkName("sourceNamespace", namespace);
            this.sourceTable = MergeLayout.checkName("sourceTable", table);
            return this;
        }

        /** The Spark session to run in; by default the active one, else a local one. */
        public Builder sparkSession(SparkSession s) {
            this.spark = s;
            return this;
        }

        /** What "today" is for partition formulas. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Recorded in the merge's lease and outcome files and in messages; generated by default. Temporary directories are named by a fresh run id. */
        public Builder jobId(String id) {
            this.jobId = id;
            return this;
        }

        /** Called at each commit step ("before-commit", "outcome-written", "replaced:n", "moved:n", "done", "after-commit");
         * the same names prefixed "merge." are {@link sediment.core.run.HaltPoints}. */
        public Builder commitHook(HistoricalCommit.Hook h) {
            this.hook = h;
            return this;
        }

        public MergeData build() {
            if (sourceKind == MergeEngine.SourceKind.DATASET && sourceDataset == null) {
                throw new InvalidInputException("Cannot merge from a table: the source Dataset is null");
            }
            String id = jobId != null ? jobId : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            MergeLayout.checkName("job id", id);
            SparkSession session = spark != null ? spark
                    : SparkSession.getActiveSession().getOrElse(() -> LocalSpark.session("sediment-merge"));
            return new MergeData(new MergeEngine.Request(session, db, namespace, table, options.build(), sourceKind, sourceNamespace,
                    sourceTable, sourceDataset, clock, id, hook));
        }
    }
}
