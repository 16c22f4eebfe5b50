/**
 * Reading Sediment tables with Spark: the {@code sediment} data source (DataSource V2) and a Spark SQL
 * catalog over an instance. A read sees exactly the files of one committed version of the table's log,
 * pruned by the row-key filters against each file's partition region and min/max row key before any file
 * is opened, and reads them with Spark's own Parquet reader (docs/reading.md).
 */
package sediment.spark.read;
