package sediment.core.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sediment.core.log.TransactionLog;
import sediment.core.table.DataFileName;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data files one run wrote (and their key sketches), found by the run id in their names (parsed whole, never matched as a
 * prefix), so that clean-up can never touch another run's files, whatever the job ids. A file the
 * table references is never deleted, even if it is this run's.
 */
public final class RunFiles {
    private final String runId;
    private final List<String> leafDirs;
    private final Configuration conf;
    private final TransactionLog log;

    public RunFiles(String runId, List<String> leafDirs, Configuration conf, TransactionLog log) {
        this.runId = runId;
        this.leafDirs = List.copyOf(leafDirs);
        this.conf = conf;
        this.log = log;
    }

    /**
     * Deletes this run's files except {@code keep}, looking in every leaf directory: for a run that failed,
     * whose tasks may have written anywhere. What cannot be deleted now is left for gc.
     */
    public void deleteAllBut(Set<String> keep) {
        deleteAllBut(keep, leafDirs);
    }

    /**
     * As above, looking only in {@code dirs}: after the run's tasks all succeeded, the leaves of the tasks whose
     * winning attempt was a retry (all written leaves with speculation on), since other attempts wrote only
     * there; a failed run passes the directories of the leaves its rows can reach. Each directory costs one listing
     * (a missing one is skipped, with no existence check before), plus one delete per file removed.
     */
    public void deleteAllBut(Set<String> keep, java.util.Collection<String> dirs) {
        Set<String> referenced = referencedOrNull();
        if (referenced == null) {
            return;
        }
        for (String dir : dirs) {
            try {
                Path path = new Path(dir);
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] listed;
                try {
                    listed = fs.listStatus(path);
                } catch (java.io.FileNotFoundException e) {
                    continue; // no file was written there
                }
                for (FileStatus f : listed) {
                    // A data file's key sketch is named after it, so it goes (or stays) with its data file.
                    String fileName = f.getPath().getName();
                    String dataName = sediment.core.split.SketchFiles.dataFileOf(fileName).orElse(fileName);
                    Optional<DataFileName> name = DataFileName.parse(dataName);
                    String qualified = fs.makeQualified(new Path(f.getPath().getParent(), dataName)).toString();
                    if (name.isPresent() && name.get().runId().equals(runId) && !keep.contains(qualified)
                            && !referenced.contains(qualified)) {
                        fs.delete(f.getPath(), false);
                    }
                }
            } catch (IOException e) {
                // Left for 'sediment gc': the run is marked finished, so its unreferenced files are garbage.
            }
        }
    }

    /**
     * Deletes these files of this run by name, with their key sketches, with no listing: files the run's
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
                fs.delete(new Path(sediment.core.split.SketchFiles.sketchPath(file)), false);
            } catch (IOException e) {
                // Left for 'sediment gc': the run is marked finished, so its unreferenced files are garbage.
            }
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
