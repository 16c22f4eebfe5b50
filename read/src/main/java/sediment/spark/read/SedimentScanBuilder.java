package sediment.spark.read;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

import java.util.Map;

/**
 * Takes Spark's filters and the columns a query needs. Every filter is also returned to Spark to apply
 * after the scan: pruning drops only files that cannot match, and the Parquet reader uses the filters
 * only to skip row groups, so the rows read still need filtering.
 */
final class SedimentScanBuilder implements SupportsPushDownFilters, SupportsPushDownRequiredColumns {
    private final SparkSession spark;
    private final TableVersion table;
    private final Configuration hadoopConf;
    private final Map<String, String> options;
    private StructType readSchema;
    private Filter[] filters = new Filter[0];

    SedimentScanBuilder(SparkSession spark, TableVersion table, Configuration hadoopConf, Map<String, String> options,
                        StructType schema) {
        this.spark = spark;
        this.table = table;
        this.hadoopConf = hadoopConf;
        this.options = options;
        this.readSchema = schema;
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        this.filters = filters.clone();
        return filters;
    }

    @Override
    public Filter[] pushedFilters() {
        return filters.clone();
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        this.readSchema = requiredSchema;
    }

    @Override
    public Scan build() {
        return new SedimentScan(spark, table, hadoopConf, options, readSchema, filters);
    }
}
