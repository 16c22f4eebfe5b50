package sediment.core.table;

import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Table;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes data files that the table's current state does not reference: leftovers of failed or
 * retried tasks and files replaced by later transactions. Only files older than a grace period are
 * deleted, so the output of a job that has not committed yet is left alone.
 */
public final class GarbageCollector {
    private GarbageCollector() {
    }

    public record Result(List<String> deleted, int keptTooNew, int referenced) {
    }

    public static Result collect(Table table, Duration olderThan, Instant now, boolean dryRun) {
        if (olderThan.isNegative()) {
            throw new InvalidInputException("Cannot collect garbage in table " + table.name() + ": the grace period "
                    + olderThan + " is negative");
        }
        Storage storage = table.instance().storage();
        long cutoff = now.minus(olderThan).toEpochMilli();
        List<String> deleted = new ArrayList<>();
        int tooNew = 0;
        int kept = 0;
        try {
            // List first, then read the state: a file committed in between is then seen as referenced.
            // (Read the other way round, a job committing between the two would lose its files.)
            List<Storage.FileInfo> files = storage.list(table.dataPath(), true);
            Set<String> referenced = new HashSet<>();
            for (String path : table.state().files().keySet()) {
                referenced.add(qualify(path, table.instance().root()));
            }
            for (Storage.FileInfo file : files) {
                if (referenced.contains(qualify(file.path(), table.instance().root()))) {
                    kept++;
                } else if (file.modificationTime() > cutoff) {
                    tooNew++;
                } else {
                    if (!dryRun) {
                        storage.delete(file.path());
                    }
                    deleted.add(file.path());
                }
            }
        } catch (IOException e) {
            throw new SedimentException("Cannot collect garbage in table " + table.name() + ": " + e.getMessage(), e);
        }
        return new Result(deleted, tooNew, kept);
    }

    /**
     * A referenced path in the listing's form. The listing is qualified ({@code file:/x},
     * {@code hdfs://nn/x}); a reference may be spelled {@code file:///x}, or {@code /x} meaning the
     * instance's own file system. A mismatch here would delete a referenced file, so both sides are
     * normalised the same way.
     */
    static String qualify(String path, String instanceRoot) {
        if (path.startsWith("/") && !Storages.isLocal(instanceRoot)) {
            java.net.URI root = java.net.URI.create(instanceRoot);
            return root.getScheme() + "://" + (root.getRawAuthority() == null ? "" : root.getRawAuthority()) + path;
        }
        return Storages.qualify(path);
    }
}
