package sediment.spark.read;

import org.apache.hadoop.conf.Configuration;
import sediment.core.error.InvalidInputException;
import sediment.core.log.FileLogStorage;
import sediment.core.log.LogStorage;
import sediment.core.log.TransactionLog;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;
import sediment.core.table.TableState;

import java.util.OptionalLong;

/**
 * One committed version of a table, read from its log: what a read sees from start to end, whatever
 * is committed meanwhile. Its files are the log's, resolved against the table's directory as it is
 * now, so a copied instance reads its own copies.
 *
 * @param location the table's directory, qualified ({@code file:/...}, {@code s3a://...})
 */
public record TableVersion(String location, TableState state) {

    public String tableName() {
        return state.tableName();
    }

    public long version() {
        return state.version();
    }

    /** The latest version, or {@code version} if given, of the table in directory {@code location}. */
    public static TableVersion open(String location, Configuration hadoopConf, OptionalLong version) {
        String dir = Storages.qualify(location);
        String name = Storage.name(dir);
        Storage storage = Storages.forPath(dir, hadoopConf);
        // Read-only: no snapshots are written and nothing is committed, so the log's write settings do not matter.
        TransactionLog log = new TransactionLog(name, new FileLogStorage(storage, dir), 0, 1);
        return of(dir, log, version);
    }

    /** As {@link #open}, through a log already opened (a catalog's table). */
    public static TableVersion of(String dir, TransactionLog log, OptionalLong version) {
        TableState latest = log.readState();
        if (latest == null) {
            throw new InvalidInputException("No Sediment table at " + dir + ": it has no log/" + LogStorage.entryName(1)
                    + " (give the table's directory, as 'sediment table describe' prints it)");
        }
        if (version.isEmpty() || version.getAsLong() == latest.version()) {
            return new TableVersion(dir, latest);
        }
        long v = version.getAsLong();
        if (v < 1 || v > latest.version()) {
            throw new InvalidInputException("Cannot read table " + latest.tableName() + " at version " + v
                    + ": its versions are 1 to " + latest.version());
        }
        return new TableVersion(dir, log.stateAt(v));
    }
}
