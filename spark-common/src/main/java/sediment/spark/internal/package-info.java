/**
 * The one place Sediment uses Spark's internal (non-public or unstable) APIs: Catalyst's internal
 * rows turned back into a Dataset, the shuffle's map output statistics, SQL settings propagated to
 * tasks, Spark's Parquet row converter and schema converter, the hash partitioning Spark applies,
 * Spark's row byte layout, a Parquet scan planned from listed file statuses ({@link
 * sediment.spark.internal.ListedParquetFiles}, which falls back to Spark's reader by path) and Scala interop. Everything else calls these classes, so a Spark
 * upgrade that moves or changes one of them is fixed here.
 *
 * <p>Each call either falls back (the shuffle statistics only order work, so without them the
 * merge writes in number order) or fails with a {@link sediment.core.error.SedimentException}
 * naming the Spark version it needs ({@link SparkVersion}); a {@link LinkageError} from a changed
 * API never escapes, because callers clean up after exceptions, not errors.
 */
package sediment.spark.internal;
