package sediment.spark.read;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import sediment.spark.SparkSchemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Sediment table as Spark sees it, pinned to one committed version: every scan of it reads that
 * version's files, whatever is committed after it was loaded. Read-only; data goes in through bulk
 * import and ingest, which commit whole jobs.
 */
public final class SedimentTable implements SupportsRead {
    /** Reads another version of the same table (tables keep their schema across versions). */
    interface Versions {
        TableVersion at(OptionalLong version);
    }

    private final TableVersion table;
    private final Versions versions;
    private final Map<String, String> loadOptions;
    private final StructType schema;

    SedimentTable(TableVersion table, Versions versions, Map<String, String> loadOptions) {
        this.table = table;
        this.versions = versions;
        this.loadOptions = Map.copyOf(loadOptions);
        this.schema = SparkSchemas.structType(table.state().schema());
    }

    /** The committed version this table reads. */
    public TableVersion tableVersion() {
        return table;
    }

    @Override
    public String name() {
        return table.tableName();
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("provider", "sediment");
        props.put("location", table.location());
        props.put("version", Long.toString(table.version()));
        return props;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    /**
     * A scan of this table's version, or of the version a read option names: Spark 3.5 passes
     * {@code spark.read.option("versionAsOf", N).table(...)} to the scan, not to the catalog's time travel.
     */
    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        Map<String, String> all = new LinkedHashMap<>(loadOptions);
        all.putAll(options.asCaseSensitiveMap());
        OptionalLong version = ReadOptions.version(options.asCaseSensitiveMap());
        TableVersion read = version.isEmpty() || version.getAsLong() == table.version() ? table : versions.at(version);
        SparkSession spark = SparkSession.active();
        Configuration conf = sediment.spark.internal.ParquetFileReaders.hadoopConf(spark, all);
        return new SedimentScanBuilder(spark, read, conf, all, schema);
    }
}
