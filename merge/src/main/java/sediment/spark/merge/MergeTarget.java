package sediment.spark.merge;

import org.apache.hadoop.conf.Configuration;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.merge.Calendars;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeOptions;
import sediment.core.merge.MergeTableDefinition;
import sediment.core.merge.ParquetCodec;
import sediment.core.merge.PartitionFormula;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;

import java.io.IOException;

/**
 * The table and column partition a merge writes, as checked before any data is read: the options
 * on their own, the definition, the partition value the options name, the codec.
 *
 * @param what the start of every message about this merge, e.g. "Cannot merge Market.Trades partition 2024-01-02"
 */
record MergeTarget(String namespace, String table, MergeTableDefinition definition, String partitionValue, ParquetCodec codec,
                   String what) {

    static MergeTarget resolve(MergeRequest request, MergeLayout layout, Storage storage, Configuration hadoopConf) {
        MergeOptions options = request.options();
        String namespace = MergeLayout.checkName("namespace", request.namespace());
        String table = MergeLayout.checkName("table", request.table());
        String what = "Cannot merge " + namespace + "." + table;
        options.check(what);
        MergeTableDefinition definition = definition(options, layout, storage, hadoopConf, namespace, table);
        String partitionValue = partitionValue(request, layout, storage, what);
        return new MergeTarget(namespace, table, definition, partitionValue, options.codec(definition),
                what + " partition " + partitionValue);
    }

    private static MergeTableDefinition definition(MergeOptions options, MergeLayout layout, Storage storage, Configuration hadoopConf,
                                                   String namespace, String table) {
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

    private static String partitionValue(MergeRequest request, MergeLayout layout, Storage storage, String what) {
        MergeOptions options = request.options();
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
}
