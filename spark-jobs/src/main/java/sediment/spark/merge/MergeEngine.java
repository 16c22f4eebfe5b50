package sediment.spark.merge;

import sediment.spark.JavaBytes;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Dependency;
import org.apache.spark.MapOutputTrackerMaster;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.RowOrdering;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.merge.Calendars;
import sediment.core.merge.HistoricalCommit;
import sediment.core.merge.MergeColumn;
import sediment.core.merge.MergeLease;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeOptions;
import sediment.core.merge.MergeTableDefinition;
import sediment.core.merge.ParquetCodec;
import sediment.core.merge.PartitionFormula;
import sediment.core.run.HaltPoints;
import sediment.core.run.RunId;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.asc_nulls_first;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * One merge, from options to committed and validated historical files:
 * <ol>
 * <li>check the options, read the definition, resolve the column partition value;</li>
 * <li>finish or clean up after earlier crashed merges; refuse existing data without force;</li>
 * <li>check the source against the definition, and the key and sort formulas against the source;</li>
 * <li>route rows to their writable partition with one shuffle in which Spark partition n holds
 *     exactly writable partition n, then write each destination in one task (in memory, or after
 *     Spark's spilling sort in low heap mode) into a hidden temporary directory;</li>
 * <li>commit (move into place, replacing old data with force), then validate.</li>
 * </ol>
 */
final class MergeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MergeEngine.class);
    static final String DEST = "__dest";
    static final String SORT = "__sort";
    static final String HASH = "__hash";
    static final String RANK = "__rank";
    static final long ROW_GROUP_SIZE = 128L << 20;
    static final long LOW_HEAP_ROW_GROUP_SIZE = 32L << 20;
    /** Hadoop setting (spark.hadoop.sediment.merge.rowGroupSize) overriding the Parquet row group size of merged files. */
    static final String ROW_GROUP_SIZE_KEY = "sediment.merge.rowGroupSize";

    /** What the builders collect. */
    record Request(SparkSession spark, String db, String namespace, String table, MergeOptions options, SourceKind sourceKind,
                   String sourceNamespace, String sourceTable, Dataset<Row> sourceDataset, Clock clock, String jobId,
                   HistoricalCommit.Hook hook) {
    }

    enum SourceKind { INTRADAY, HISTORICAL, DATASET }

    private final Request request;
    private final SparkSession spark;
    private final MergeOptions options;
    private final MergeLayout layout;
    private final Configuration hadoopConf;
    private final Storage storage;

    MergeEngine(Request request) {
        this.request = request;
        this.spark = request.spark();
        this.options = request.options();
        this.layout = MergeLayout.at(request.db());
        this.hadoopConf = spark.sparkContext().hadoopConfiguration();
        this.storage = Storages.forPath(layout.root(), hadoopConf);
    }

    MergeResult run() {
        long started = System.nanoTime();
        String namespace = MergeLayout.checkName("namespace", request.namespace());
        String table = MergeLayout.checkName("table", request.table());
        String what = "Cannot merge " + namespace + "." + table;
        options.check(what);
        MergeTableDefinition definition = definition(namespace, table);
        String partitionValue = partitionValue(what);
        what = what + " partition " + partitionValue;
        ParquetCodec codec = options.codec(definition);
        MergeFunctions.register(spark);

        HistoricalCommit commit = new HistoricalCommit(storage, layout, namespace, table, partitionValue,
                HistoricalCommit.LeaseSettings.from(hadoopConf));
        List<String> recovered;
        MergeSource.Prepared prepared;
        List<DestinationResult> results = List.of();
        List<Integer> replaced;
        // One merge of a table and column partition at a time: the lease also finishes or rolls back what crashed merges left.
        try (MergeLease lease = commit.acquire(request.jobId(), RunId.next())) {
            recovered = lease.recovered();
            recovered.forEach(r -> LOG.warn("{}", r));
            List<Integer> written;
            try {
                List<Integer> existing = commit.existingDestinations();
                if (!existing.isEmpty() && !options.force()) {
                    throw new InvalidInputException(what + ": historical data already exists in writable partition"
                            + (existing.size() == 1 ? " " : "s ") + existing + " (" + layout.destinationDir(namespace, existing.get(0),
                            partitionValue, table) + "); use force=true to replace it");
                }
                MergeSource source = source(partitionValue);
                prepared = source.prepare(spark, definition, partitionValue, options.threadPoolSize(), what);
                if (!options.allowEmptyInput() && prepared.isEmpty()) {
                    throw new InvalidInputException(what + ": there is no input data (" + prepared.description()
                            + ") and allowEmptyInput=false");
                }
                int n = definition.writablePartitions();
                if (prepared.rows() != null && prepared.knownRows() != 0) {
                    Plan plan = plan(definition, partitionValue, prepared, options.lowHeapUsage(), what);
                    List<String> temps = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        temps.add(lease.temporaryDir(i));
                    }
                    results = options.lowHeapUsage() ? writeLowHeap(plan, definition, partitionValue, codec, temps)
                            : writeMaxThroughput(plan, definition, partitionValue, codec, temps);
                    finishFiles(results, temps);
                }
                written = results.stream().filter(r -> r.rows() > 0).map(DestinationResult::writablePartition).toList();
                replaced = options.force() ? existing : List.of();
                request.hook().at("before-commit");
                HaltPoints.reach("merge.before-commit");
            } catch (Exception e) {
                lease.abandon();
                throw SparkErrors.translate(what, e);
            }
            lease.commit(written, replaced, options.lateCleanup(), request.hook());
        }
        request.hook().at("after-commit");

        long rows = results.stream().mapToLong(DestinationResult::rows).sum();
        List<MergeResult.Destination> destinations = results.stream().filter(r -> r.rows() > 0)
                .map(r -> new MergeResult.Destination(r.writablePartition(),
                        layout.destinationFile(namespace, r.writablePartition(), partitionValue, table), r.rows(), r.groups(), r.bytes()))
                .toList();
        MergeResult.Validation validation = null;
        boolean intradayDeleted = false;
        if (options.validate()) {
            long sourceRows = prepared.knownRows() >= 0 ? prepared.knownRows() : rows;
            long high = results.stream().mapToLong(DestinationResult::hashHigh).sum();
            long low = results.stream().mapToLong(DestinationResult::hashLow).sum();
            validation = validate(definition, destinations, sourceRows, checksum(high, low));
            if (!validation.passed()) {
                throw new SedimentException("Validation failed for " + namespace + "." + table + " partition " + partitionValue
                        + ": the historical data has " + validation.historicalRows() + " rows with checksum "
                        + validation.historicalChecksum() + " but the source had " + validation.sourceRows() + " rows with checksum "
                        + validation.sourceChecksum() + (prepared.intradayDir() == null ? "" : "; the intraday data was kept"));
            }
            if (options.deleteIntraday() && prepared.intradayDir() != null) {
                delete(prepared.intradayDir());
                intradayDeleted = true;
            }
        }
        return new MergeResult(namespace, table, partitionValue, request.jobId(), prepared.description(), rows, destinations,
                replaced, validation, intradayDeleted, options.lowHeapUsage(), codec.name(),
                (System.nanoTime() - started) / 1e9, recovered);
    }

    private MergeTableDefinition definition(String namespace, String table) {
        String path = options.tableDef() != null ? Storages.qualify(options.tableDef()) : layout.schemaFile(namespace, table);
        Storage s = options.tableDef() != null ? Storages.forPath(path, hadoopConf) : storage;
        byte[] content;
        try {
            content = s.readIfExists(path).orElseThrow(() -> new InvalidInputException("Cannot merge " + namespace + "." + table
                    + ": there is no merge table definition at " + path));
        } catch (IOException e) {
            throw new SedimentException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        return MergeTableDefinition.read(path, content, namespace, table);
    }

    private String partitionValue(String what) {
        if (options.partitionColumnValue() != null) {
            return options.partitionColumnValue();
        }
        String value = PartitionFormula.evaluate(options.partitionColumnFormula(), request.clock(),
                Calendars.withDirectory(storage, layout.calendarsDir()));
        MergeLayout.nameProblem("partitionColumnFormula '" + options.partitionColumnFormula() + "' gave a value that", value)
                .ifPresent(p -> {
                    throw new InvalidInputException(what + ": " + p);
                });
        return value;
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

    /**
     * The rows to shuffle and how to route and sort them.
     *
     * @param rows       data columns, arrival, then as needed {@value #SORT}, {@value #HASH} and {@value #DEST}
     * @param dest       the writable partition of a row, evaluated on {@code rows}
     * @param sortColumn the column of {@code rows} holding the sort value, or null without a sort formula
     */
    record Plan(Dataset<Row> rows, Column dest, String sortColumn) {
    }

    /**
     * Checks the key and sort formulas against the source and lays out the rows to shuffle. The
     * writable partition is computed inside the shuffle's partitioning expression when the key
     * formula uses only data columns (as the default does), so it costs no bytes in the shuffle;
     * likewise a sort formula that is just a column reuses that column. The partitioning column,
     * when the source has it, is checked against the value as the arrival order is computed.
     */
    private Plan plan(MergeTableDefinition definition, String partitionValue, MergeSource.Prepared prepared, boolean destColumn,
                      String what) {
        Dataset<Row> rows = prepared.rows();
        int n = definition.writablePartitions();
        String keyFormula = definition.keyFormulaFor(partitionValue);
        Column key = formula(rows, "keyFormula", keyFormula, what);
        Dataset<Row> keyProbe = rows.select(key);
        DataType keyType = keyProbe.schema().fields()[0].dataType();
        if (!(keyType instanceof IntegralType)) {
            throw new InvalidInputException(what + ": keyFormula '" + keyFormula + "' gives " + keyType.simpleString()
                    + ", not a whole number: it must give a writable partition number from 0 to " + (n - 1));
        }
        Column dest = when(key.isNull().or(key.lt(0)).or(key.geq(n)), raise_error(concat(
                lit(SparkErrors.MARK + "keyFormula '" + keyFormula + "' gave "), coalesce(key.cast("string"), lit("null")),
                lit(" for a row; it must give a writable partition number from 0 to " + (n - 1)))))
                .otherwise(key.cast("int"));
        Column arrival = col(MergeSource.ARRIVAL);
        if (prepared.partitionColumnPresent()) {
            String p = definition.partitioningColumn().name();
            arrival = when(not(col(p).eqNullSafe(lit(partitionValue))), raise_error(concat(
                    lit(SparkErrors.MARK + "a row of " + prepared.description() + " has " + p + " = "), coalesce(col(p), lit("null")),
                    lit(", not " + partitionValue)))).otherwise(arrival);
        }
        List<String> dataNames = definition.dataColumns().stream().map(MergeColumn::name).toList();
        List<Column> data = dataNames.stream().map(org.apache.spark.sql.functions::col).toList();
        List<Column> select = new ArrayList<>(data);
        select.add(arrival.as(MergeSource.ARRIVAL));
        String sortColumn = null;
        if (options.sortColumnFormula() != null) {
            Column sort = sortColumn(rows, definition, what);
            sortColumn = plainColumn(rows.select(sort), dataNames);
            if (sortColumn == null) {
                select.add(sort.as(SORT));
                sortColumn = SORT;
            }
        }
        if (options.validate()) {
            select.add(xxhash64(data.toArray(Column[]::new)).as(HASH));
        }
        boolean keyOnData = references(keyProbe).stream().allMatch(r -> dataNames.stream().anyMatch(r::equalsIgnoreCase));
        if (destColumn || !keyOnData) {
            select.add(dest.as(DEST));
            return new Plan(rows.select(select.toArray(Column[]::new)), col(DEST), sortColumn);
        }
        return new Plan(rows.select(select.toArray(Column[]::new)), dest, sortColumn);
    }

    /** The data column a one-column projection is, if it is just that column. */
    private static String plainColumn(Dataset<Row> probe, List<String> dataNames) {
        Expression e = probe.queryExecution().analyzed().expressions().head();
        if (e instanceof Attribute a) {
            return dataNames.stream().filter(d -> d.equalsIgnoreCase(a.name())).findFirst().orElse(null);
        }
        return null;
    }

    private static List<String> references(Dataset<Row> probe) {
        Expression e = probe.queryExecution().analyzed().expressions().head();
        return JavaConverters.seqAsJavaList(e.references().toSeq()).stream().map(Attribute::name).toList();
    }

    private Column sortColumn(Dataset<Row> rows, MergeTableDefinition definition, String what) {
        String formula = options.sortColumnFormula();
        Column sort = formula(rows, "sortColumnFormula", formula, what);
        Dataset<Row> probe = rows.select(sort);
        for (String name : references(probe)) {
            MergeColumn used = definition.groupingColumns().stream().filter(g -> g.name().equalsIgnoreCase(name)).findFirst()
                    .orElse(null);
            if (used != null) {
                throw new InvalidInputException(what + ": sortColumnFormula '" + formula + "' uses grouping column '" + used.name()
                        + "'; a grouping column cannot be the sort column (it is constant within each group)");
            }
        }
        DataType type = probe.schema().fields()[0].dataType();
        if (!RowOrdering.isOrderable(type)) {
            throw new InvalidInputException(what + ": sortColumnFormula '" + formula + "' gives " + type.simpleString()
                    + ", which cannot be sorted");
        }
        return sort;
    }

    /** A Spark SQL formula, parsed and analyzed against the source now, so mistakes are reported before any work. */
    private static Column formula(Dataset<Row> rows, String option, String formula, String what) {
        Column c;
        try {
            c = org.apache.spark.sql.functions.expr(formula);
        } catch (Exception e) {
            throw analysisError(e, what + ": " + option + " '" + formula + "' does not parse: ");
        }
        try {
            rows.select(c);
        } catch (Exception e) {
            throw analysisError(e, what + ": " + option + " '" + formula + "' is not valid here: ");
        }
        return c;
    }

    private static RuntimeException analysisError(Exception e, String prefix) {
        if (e instanceof AnalysisException) {
            return new InvalidInputException(prefix + SparkErrors.clean(e.getMessage()), e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    private WriteSpec writeSpec(MergeTableDefinition definition, String partitionValue, StructType schema, String sortColumn,
                                ParquetCodec codec, List<String> temps) {
        List<MergeColumn> dataColumns = definition.dataColumns();
        int[] grouping = definition.groupingColumns().stream().mapToInt(dataColumns::indexOf).toArray();
        return new WriteSpec(schema.json(), dataColumns.size(), grouping, indexOf(schema, DEST), indexOf(schema, MergeSource.ARRIVAL),
                sortColumn == null ? -1 : indexOf(schema, sortColumn), indexOf(schema, HASH), indexOf(schema, RANK), temps, codec.name(),
                hadoopConf.getLong(ROW_GROUP_SIZE_KEY, options.lowHeapUsage() ? LOW_HEAP_ROW_GROUP_SIZE : ROW_GROUP_SIZE),
                request.namespace(), request.table(), definition.partitioningColumn().name(), partitionValue,
                definition.groupingColumns().stream().map(MergeColumn::name).toList(), options.sortColumnFormula(),
                new sediment.spark.SerializableHadoopConf(hadoopConf));
    }

    private static int indexOf(StructType schema, String name) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Spark's hash partitioning sends a row to {@code pmod(murmur3(key, 42), n)}. Keying each row by
     * a number chosen so that this equals its writable partition makes Spark partition i hold
     * exactly writable partition i, with Spark's fast row shuffle and no custom partitioner.
     */
    static Column exactPartitionKey(Column dest, int n) {
        Column[] keys = new Column[n];
        for (int i = 0; i < n; i++) {
            int candidate = 0;
            while (Math.floorMod(Murmur3_x86_32.hashInt(candidate, 42), n) != i) {
                candidate++;
            }
            keys[i] = lit(candidate);
        }
        return element_at(array(keys), dest.plus(1));
    }

    private List<DestinationResult> writeMaxThroughput(Plan plan, MergeTableDefinition definition, String partitionValue,
                                                       ParquetCodec codec, List<String> temps) {
        int n = temps.size();
        Dataset<Row> shuffled = plan.rows().repartition(n, exactPartitionKey(plan.dest(), n));
        WriteSpec spec = writeSpec(definition, partitionValue, shuffled.schema(), plan.sortColumn(), codec, temps);
        return writeDestinations(shuffled, new InMemoryOrdering(spec), n, options.threadPoolSize());
    }

    /**
     * Low heap usage: group sizes come from an aggregate, each group's rank joins back as a column,
     * and Spark's external sort (which spills to disk) orders each destination by rank, sort value
     * and arrival. Destinations are written one at a time.
     */
    private List<DestinationResult> writeLowHeap(Plan plan, MergeTableDefinition definition, String partitionValue, ParquetCodec codec,
                                                 List<String> temps) {
        int n = temps.size();
        Dataset<Row> input = plan.rows();
        List<String> grouping = definition.groupingColumns().stream().map(MergeColumn::name).toList();
        Dataset<Row> ranked = input;
        if (!grouping.isEmpty()) {
            Column[] byKey = new Column[grouping.size() + 1];
            byKey[0] = col(DEST);
            for (int i = 0; i < grouping.size(); i++) {
                byKey[i + 1] = col(grouping.get(i));
            }
            Column[] order = new Column[grouping.size() + 1];
            order[0] = desc("__count");
            for (int i = 0; i < grouping.size(); i++) {
                order[i + 1] = asc_nulls_first(grouping.get(i));
            }
            List<Row> ranks = withConf(() -> input.groupBy(byKey).agg(count(lit(1)).as("__count"))
                    .withColumn(RANK, row_number().over(Window.partitionBy(DEST).orderBy(order)).minus(1).cast("int"))
                    .drop("__count").collectAsList());
            List<StructField> fields = new ArrayList<>();
            fields.add(DataTypes.createStructField("__rdest", DataTypes.IntegerType, false));
            for (int i = 0; i < grouping.size(); i++) {
                fields.add(DataTypes.createStructField("__rkey" + i, input.schema().apply(grouping.get(i)).dataType(), true));
            }
            fields.add(DataTypes.createStructField("__rrank", DataTypes.IntegerType, false));
            List<Row> rankRows = new ArrayList<>(ranks.size());
            for (Row r : ranks) {
                Object[] values = new Object[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    values[i] = r.get(i);
                }
                rankRows.add(RowFactory.create(values));
            }
            Dataset<Row> rankTable = spark.createDataFrame(rankRows, DataTypes.createStructType(fields));
            Column on = col(DEST).equalTo(rankTable.col("__rdest"));
            for (int i = 0; i < grouping.size(); i++) {
                on = on.and(input.col(grouping.get(i)).eqNullSafe(rankTable.col("__rkey" + i)));
            }
            List<Column> keep = new ArrayList<>();
            for (String name : input.columns()) {
                keep.add(input.col(name));
            }
            keep.add(coalesce(rankTable.col("__rrank"), raise_error(lit(SparkErrors.MARK + "the source changed while it was merged:"
                    + " a row's group was not there when the groups were counted; merge from a deterministic source"))).as(RANK));
            ranked = input.join(broadcast(rankTable), on, "left_outer").select(keep.toArray(Column[]::new));
        }
        List<Column> sortBy = new ArrayList<>();
        if (!grouping.isEmpty()) {
            sortBy.add(col(RANK));
        }
        if (plan.sortColumn() != null) {
            sortBy.add(asc_nulls_first(plan.sortColumn()));
        }
        sortBy.add(col(MergeSource.ARRIVAL));
        Dataset<Row> sorted = ranked.repartition(n, exactPartitionKey(col(DEST), n)).sortWithinPartitions(sortBy.toArray(Column[]::new));
        WriteSpec spec = writeSpec(definition, partitionValue, sorted.schema(), plan.sortColumn(), codec, temps);
        return writeDestinations(sorted, new SortedInput(spec), n, 1);
    }

    /**
     * Runs the shuffle once, then one Spark job per destination, at most {@code concurrency} at a
     * time, largest destinations first (by the shuffle's own statistics, so a large destination does
     * not start last); every job reuses the shuffle's output.
     */
    private List<DestinationResult> writeDestinations(Dataset<Row> shuffled, DestinationTask task, int n, int concurrency) {
        SparkContext sc = spark.sparkContext();
        sc.setJobDescription("merge " + request.namespace() + "." + request.table());
        try {
            RDD<InternalRow> rdd = withConf(() -> shuffled.queryExecution().toRdd());
            if (rdd.getNumPartitions() != n) {
                throw new IllegalStateException("The merge shuffle has " + rdd.getNumPartitions() + " partitions, not " + n);
            }
            RDD<DestinationResult> written = rdd.toJavaRDD().mapPartitionsWithIndex(task, true).rdd();
            DestinationResult[] results = new DestinationResult[n];
            Semaphore slots = new Semaphore(Math.max(1, concurrency));
            java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
            List<SimpleFutureAction<Object>> jobs = new ArrayList<>();
            for (int d : largestFirst(rdd, n)) {
                slots.acquireUninterruptibly();
                if (failed.get()) {
                    break; // no point writing more destinations: the merge fails anyway
                }
                SimpleFutureAction<Object> job = withConf(() -> sc.submitJob(written, new FirstResult(),
                        SparkTypes.seq(List.<Object>of(d)), new Store(results), new NoResult()));
                job.onComplete(new Release(slots, failed), scala.concurrent.ExecutionContext.global());
                jobs.add(job);
            }
            for (SimpleFutureAction<Object> job : jobs) {
                scala.concurrent.Await.ready(job, scala.concurrent.duration.Duration.Inf());
            }
            for (SimpleFutureAction<Object> job : jobs) {
                scala.util.Try<Object> outcome = job.value().get();
                if (outcome.isFailure()) {
                    Throwable t = outcome.failed().get();
                    throw t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
                }
            }
            return List.of(results);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        } finally {
            sc.setJobDescription(null);
        }
    }

    /** Destinations by shuffle bytes, largest first; in number order if Spark does not tell. */
    private static List<Integer> largestFirst(RDD<?> rdd, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        try {
            ShuffleDependency<?, ?, ?> dep = shuffleOf(rdd);
            if (dep != null && SparkEnv.get().mapOutputTracker() instanceof MapOutputTrackerMaster tracker
                    && tracker.containsShuffle(dep.shuffleId())) {
                long[] bytes = tracker.getStatistics(dep).bytesByPartitionId();
                if (bytes.length == n) {
                    order.sort((a, b) -> Long.compare(bytes[b], bytes[a]));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("No shuffle statistics, writing destinations in number order", e);
        }
        return order;
    }

    private static ShuffleDependency<?, ?, ?> shuffleOf(RDD<?> rdd) {
        for (Dependency<?> dep : JavaConverters.seqAsJavaList(rdd.dependencies())) {
            if (dep instanceof ShuffleDependency<?, ?, ?> s) {
                return s;
            }
            ShuffleDependency<?, ?, ?> deeper = shuffleOf(dep.rdd());
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /** Runs on the executor; returns bytes because Kryo cannot serialize the result record. */
    private static final class FirstResult extends AbstractFunction1<scala.collection.Iterator<DestinationResult>, byte[]>
            implements Serializable {
        @Override
        public byte[] apply(scala.collection.Iterator<DestinationResult> it) {
            return JavaBytes.encode(it.next());
        }
    }

    private static final class Store extends AbstractFunction2<Object, byte[], BoxedUnit> {
        private final DestinationResult[] results;

        Store(DestinationResult[] results) {
            this.results = results;
        }

        @Override
        public BoxedUnit apply(Object index, byte[] bytes) {
            DestinationResult result = JavaBytes.decode(bytes, DestinationResult.class);
            results[result.writablePartition()] = result;
            return BoxedUnit.UNIT;
        }
    }

    private static final class NoResult extends AbstractFunction0<Object> {
        @Override
        public Object apply() {
            return null;
        }
    }

    private static final class Release extends AbstractFunction1<scala.util.Try<Object>, Object> {
        private final Semaphore slots;
        private final java.util.concurrent.atomic.AtomicBoolean failed;

        Release(Semaphore slots, java.util.concurrent.atomic.AtomicBoolean failed) {
            this.slots = slots;
            this.failed = failed;
        }

        @Override
        public Object apply(scala.util.Try<Object> outcome) {
            if (outcome.isFailure()) {
                failed.set(true);
            }
            slots.release();
            return null;
        }
    }

    /** Runs Spark work with this session's SQL settings visible to its tasks. */
    private <T> T withConf(Supplier<T> body) {
        return SQLExecution.withSQLConfPropagated(spark, new Body<>(body));
    }

    private static final class Body<T> extends AbstractFunction0<T> implements Serializable {
        private final transient Supplier<T> body;

        Body(Supplier<T> body) {
            this.body = body;
        }

        @Override
        public T apply() {
            return body.get();
        }
    }

    /** Renames each task's attempt file to table.parquet and removes anything else from the temporary directories. */
    private void finishFiles(List<DestinationResult> results, List<String> temps) {
        for (DestinationResult r : results) {
            Path dir = new Path(temps.get(r.writablePartition()));
            try {
                FileSystem fs = dir.getFileSystem(hadoopConf);
                if (r.file() == null) {
                    fs.delete(dir, true);
                    continue;
                }
                Path target = new Path(dir, MergeLayout.TABLE_FILE);
                if (!fs.rename(new Path(r.file()), target)) {
                    throw new SedimentException("Cannot rename " + r.file() + " to " + target);
                }
                for (FileStatus f : fs.listStatus(dir)) {
                    String name = f.getPath().getName();
                    if (!name.equals(MergeLayout.TABLE_FILE) && !name.equals("." + MergeLayout.TABLE_FILE + ".crc")) {
                        fs.delete(f.getPath(), true);
                    }
                }
            } catch (IOException e) {
                throw new SedimentException("Cannot finish " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private MergeResult.Validation validate(MergeTableDefinition definition, List<MergeResult.Destination> destinations,
                                            long sourceRows, String sourceChecksum) {
        if (destinations.isEmpty()) {
            return new MergeResult.Validation(sourceRows, sourceChecksum, 0, checksum(0, 0));
        }
        String[] files = destinations.stream().map(d -> FileSource.escapeGlob(d.file())).toArray(String[]::new);
        Dataset<Row> historical = spark.read().schema(SparkTypes.schema(definition.dataColumns())).parquet(files);
        Column[] data = definition.dataColumns().stream().map(c -> col(c.name())).toArray(Column[]::new);
        Column h = xxhash64(data);
        Row r = withConf(() -> historical.agg(count(lit(1)), sum(shiftrightunsigned(h, 32)), sum(h.bitwiseAND(lit(0xffffffffL))))
                .collectAsList().get(0));
        return new MergeResult.Validation(sourceRows, sourceChecksum, r.getLong(0), checksum(r.getLong(1), r.getLong(2)));
    }

    static String checksum(long high, long low) {
        return String.format(Locale.ROOT, "%016x%016x", high, low);
    }

    private void delete(String dir) {
        try {
            storage.delete(dir);
        } catch (IOException e) {
            throw new SedimentException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
