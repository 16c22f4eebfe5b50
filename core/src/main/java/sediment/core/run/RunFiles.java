package sediment.core.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sediment.core.log.TransactionLog;
import sediment.core.storage.EmptyDirectories;
import sediment.core.table.DataFileName;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The data files one run wrote, in the run's own directory ({@link sediment.core.instance.Table#runDataPath}),
 * recognised by the run id in their names (parsed whole, never matched as a prefix), so that clean-up can never
 * touch another run's files, whatever the job ids. A file the table references is never deleted, even if it is
 * this run's.
 */
public final class RunFiles {
    private final String runId;
    private final String directory;
    private final Configuration conf;
    private final TransactionLog log;

    public RunFiles(String runId, String directory, Configuration conf, TransactionLog log) {
        this.runId = runId;
        this.directory = directory;
        this.conf = conf;
        this.log = log;
    }

    /**
     * Deletes this run's files except {@code keep}: those of failed, retried and speculative attempts, or all of
     * them for a run that failed. One listing of the run's directory (none if it was never created), plus one
     * delete per file removed, however many leaves the run wrote. What cannot be deleted now is left for gc.
     */
    public void deleteAllBut(Set<String> keep) {
        Set<String> referenced = referencedOrNull();
        if (referenced == null) {
            return;
        }
        try {
            Path path = new Path(directory);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] listed;
            try {
                listed = fs.listStatus(path);
            } catch (java.io.FileNotFoundException e) {
                return; // no file was written
            }
            for (FileStatus f : listed) {
                Optional<DataFileName> name = DataFileName.parse(f.getPath().getName());
                String qualified = fs.makeQualified(f.getPath()).toString();
                if (name.isPresent() && name.get().runId().equals(runId) && !keep.contains(qualified)
                        && !referenced.contains(qualified)) {
                    fs.delete(f.getPath(), false);
                }
            }
            if (keep.isEmpty()) {
                removeDirectoryIfEmpty();
            }
        } catch (IOException e) {
            // Left for 'sediment gc': the run is marked finished, so its unreferenced files are garbage.
        }
    }

    /**
     * Deletes these files of this run by name, with no listing: files the run's
     * winning attempts wrote, when the run will not commit them. A file the table references stays.
     */
    public void delete(java.util.Collection<String> files) {
        Set<String> referenced = referencedOrNull();
        if (referenced == null) {
            return;
        }
        for (String file : files) {
            Path path = new Path(file);
            Optional<DataFileName> name = DataFileName.parse(path.getName());
            if (name.isEmpty() || !name.get().runId().equals(runId) || referenced.contains(file)) {
                continue;
            }
            try {
                FileSystem fs = path.getFileSystem(conf);
                fs.delete(path, false);
            } catch (IOException e) {
                // Left for 'sediment gc': the run is marked finished, so its unreferenced files are garbage.
            }
        }
        removeDirectoryIfEmpty();
    }

    /** A run that commits nothing leaves no directory behind (unless something is still in it). */
    private void removeDirectoryIfEmpty() {
        try {
            Path path = new Path(directory);
            EmptyDirectories.removeIfEmpty(path.getFileSystem(conf), path);
        } catch (IOException e) {
            // An empty directory costs nothing but a name.
        }
    }

    /** The files the table references, or null when the state cannot be read: then no file can be shown to be
     * unreferenced, and gc judges them later. */
    private Set<String> referencedOrNull() {
        try {
            return new HashSet<>(log.readState().files().keySet());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
