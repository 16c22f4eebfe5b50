package sediment.core.table;

import sediment.core.error.CommitConflictException;

import java.util.List;

/** Removes some files and adds others in one step, e.g. when files are rewritten or dropped. */
public record ReplaceFiles(String jobId, String runId, List<String> removePaths, List<FileReference> addFiles)
        implements Transaction {
    public ReplaceFiles {
        removePaths = List.copyOf(removePaths);
        addFiles = List.copyOf(addFiles);
    }

    public ReplaceFiles(String jobId, List<String> removePaths, List<FileReference> addFiles) {
        this(jobId, null, removePaths, addFiles);
    }

    @Override
    public void validate(TableState state) {
        AddFiles.checkNotRevoked(state, jobId, runId);
        for (String path : removePaths) {
            if (!state.files().containsKey(path)) {
                throw new CommitConflictException("Cannot replace file " + path + ": the table does not hold it");
            }
        }
        java.util.Set<String> removed = new java.util.HashSet<>(removePaths);
        for (FileReference file : addFiles) {
            if (state.partitions().partition(file.partitionId()).isEmpty()) {
                throw new CommitConflictException("Cannot add file " + file.path() + ": partition "
                        + file.partitionId() + " does not exist");
            }
            if (state.files().containsKey(file.path()) && !removed.contains(file.path())) {
                throw new CommitConflictException("Cannot add file " + file.path() + ": the table already holds it");
            }
        }
    }

    @Override
    public void apply(TableState.Builder state) {
        removePaths.forEach(state.files::remove);
        for (FileReference file : addFiles) {
            state.files.put(file.path(), file);
        }
    }
}
