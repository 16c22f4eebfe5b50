package sediment.core.table;

import sediment.core.error.SedimentException;
import sediment.core.instance.Table;
import sediment.core.storage.Storage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        Storage storage = table.instance().storage();
        Set<String> referenced = table.state().files().keySet();
        long cutoff = now.minus(olderThan).toEpochMilli();
        List<String> deleted = new ArrayList<>();
        int tooNew = 0;
        int kept = 0;
        try {
            for (Storage.FileInfo file : storage.list(table.dataPath(), true)) {
                if (referenced.contains(file.path())) {
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
}
