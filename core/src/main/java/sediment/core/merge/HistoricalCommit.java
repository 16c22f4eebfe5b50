package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonProperty;
import sediment.core.error.SedimentException;
import sediment.core.storage.Storage;
import sediment.core.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Moves merge output into place for one column partition of one table, so that readers and a crash
 * at any moment see either the old historical data or the new, never a mix, and never lose both.
 * <ol>
 * <li>Every output is written into a hidden temporary directory next to its destination.</li>
 * <li>The commit writes a journal naming the destinations written and those replaced: from then on
 * the merge is decided.</li>
 * <li>Replaced destinations are deleted (with lateCleanup: moved aside to hidden directories), the
 * temporary directories are renamed into place, parked old data is deleted, and the journal goes.</li>
 * </ol>
 * {@link #recover()}, run at the start of every merge, finishes a decided commit that a crash
 * interrupted and deletes temporary directories of merges that failed before deciding.
 * One merge of a given table and column partition may run at a time.
 */
public final class HistoricalCommit {

    /** Called at each step of a commit; tests throw from it to simulate a crash there. */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = point -> {
        };

        void at(String point);
    }

    record Journal(@JsonProperty("jobId") String jobId,
                   @JsonProperty("written") List<Integer> written,
                   @JsonProperty("replaced") List<Integer> replaced,
                   @JsonProperty("lateCleanup") boolean lateCleanup) {
    }

    private final Storage storage;
    private final MergeLayout layout;
    private final String namespace;
    private final String table;
    private final String partitionValue;

    public HistoricalCommit(Storage storage, MergeLayout layout, String namespace, String table, String partitionValue) {
        this.storage = storage;
        this.layout = layout;
        this.namespace = namespace;
        this.table = table;
        this.partitionValue = partitionValue;
    }

    /** The writable partitions that exist on disk (numbered directories under {@code Partitions/}), in number order. */
    public List<Integer> writablePartitionsOnDisk() {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (Storage.FileInfo f : list(layout.partitionsDir(namespace), false)) {
            String name = Storage.name(f.path());
            if (f.directory() && name.matches("[0-9]{1,9}")) {
                numbers.add(Integer.parseInt(name));
            }
        }
        return List.copyOf(numbers);
    }

    /** The writable partitions whose destination for this table and column partition holds data. */
    public List<Integer> existingDestinations() {
        List<Integer> existing = new ArrayList<>();
        for (int n : writablePartitionsOnDisk()) {
            if (holdsData(layout.destinationDir(namespace, n, partitionValue, table))) {
                existing.add(n);
            }
        }
        return existing;
    }

    private boolean holdsData(String dir) {
        return list(dir, true).stream().anyMatch(f -> !hidden(Storage.name(f.path())));
    }

    /** Finishes a decided commit interrupted by a crash, then deletes leftovers of undecided ones. Returns what it did. */
    public List<String> recover() {
        List<String> done = new ArrayList<>();
        String journalPath = layout.journalFile(namespace, table, partitionValue);
        Optional<byte[]> journal = read(journalPath);
        if (journal.isPresent()) {
            Journal j = Json.read(journalPath, journal.get(), Journal.class);
            rollForward(j, Hook.NONE);
            done.add("finished the interrupted commit of merge " + j.jobId());
        }
        String prefix = MergeLayout.hiddenPrefix(table);
        for (int n : writablePartitionsOnDisk()) {
            for (Storage.FileInfo f : list(layout.columnPartitionDir(namespace, n, partitionValue), false)) {
                if (Storage.name(f.path()).startsWith(prefix)) {
                    delete(f.path());
                    done.add("deleted " + f.path() + " left by a merge that did not finish");
                }
            }
        }
        return done;
    }

    /** A temporary directory of this merge: the task output goes to {@code <dir>/table.parquet}. */
    public String temporaryDir(String jobId, int writablePartition) {
        return layout.temporaryDir(namespace, writablePartition, partitionValue, table, jobId);
    }

    /**
     * Moves the written temporary directories into place, replacing the {@code replaced} destinations.
     *
     * @param written  writable partitions with a complete temporary directory of this job
     * @param replaced writable partitions whose existing data goes (force); may overlap {@code written}
     */
    public void commit(String jobId, List<Integer> written, List<Integer> replaced, boolean lateCleanup, Hook hook) {
        Journal journal = new Journal(jobId, List.copyOf(written), List.copyOf(replaced), lateCleanup);
        String journalPath = layout.journalFile(namespace, table, partitionValue);
        try {
            storage.write(journalPath, Json.MAPPER.writeValueAsBytes(journal));
        } catch (IOException e) {
            throw new SedimentException("Cannot write the merge journal " + journalPath + ": " + e.getMessage(), e);
        }
        hook.at("journal-written");
        rollForward(journal, hook);
    }

    /** Deletes this job's temporary directories, after a failure before the commit was decided. */
    public void discard(String jobId, List<Integer> writablePartitions) {
        for (int n : writablePartitions) {
            String dir = temporaryDir(jobId, n);
            if (exists(dir)) {
                delete(dir);
            }
        }
    }

    /** Idempotent: each step looks at what is there, so running it again after a crash completes the commit. */
    private void rollForward(Journal j, Hook hook) {
        for (int n : j.replaced()) {
            String dest = layout.destinationDir(namespace, n, partitionValue, table);
            boolean newDataWaiting = j.written().contains(n) && exists(temporaryDir(j.jobId(), n));
            boolean destIsOld = exists(dest) && (newDataWaiting || !j.written().contains(n));
            if (destIsOld) {
                if (j.lateCleanup()) {
                    rename(dest, layout.replacedDir(namespace, n, partitionValue, table, j.jobId()));
                } else {
                    delete(dest);
                }
            }
            hook.at("replaced:" + n);
        }
        for (int n : j.written()) {
            String temp = temporaryDir(j.jobId(), n);
            if (exists(temp)) {
                String dest = layout.destinationDir(namespace, n, partitionValue, table);
                if (exists(dest) && !holdsData(dest)) {
                    delete(dest); // an empty directory (or only hidden files) is not data to protect
                }
                rename(temp, dest);
            }
            hook.at("moved:" + n);
        }
        if (j.lateCleanup()) {
            for (int n : j.replaced()) {
                String parked = layout.replacedDir(namespace, n, partitionValue, table, j.jobId());
                if (exists(parked)) {
                    delete(parked);
                }
            }
        }
        delete(layout.journalFile(namespace, table, partitionValue));
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private Optional<byte[]> read(String path) {
        try {
            return storage.readIfExists(path);
        } catch (IOException e) {
            throw new SedimentException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private List<Storage.FileInfo> list(String dir, boolean recursive) {
        try {
            return storage.list(dir, recursive);
        } catch (IOException e) {
            throw new SedimentException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(String path) {
        try {
            return storage.exists(path);
        } catch (IOException e) {
            throw new SedimentException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private void delete(String path) {
        try {
            storage.delete(path);
        } catch (IOException e) {
            throw new SedimentException("Cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    private void rename(String from, String to) {
        try {
            if (!storage.rename(from, to)) {
                throw new SedimentException("Cannot move " + from + " to " + to + ": the target exists or the source is gone");
            }
        } catch (IOException e) {
            throw new SedimentException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
