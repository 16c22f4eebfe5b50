package sediment.core.compaction;

import sediment.core.table.FileReference;
import sediment.core.table.ReplaceFiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one compaction rewrites, decided from one table state: the leaves it writes one sorted file each
 * for, and every file it reads and then removes — the leaves' own files and the files still on their
 * ancestors. A file on an ancestor covers every leaf below it, so a plan that reads it compacts all of
 * those leaves and the file goes entirely; no row is ever left in two places.
 *
 * @param tableVersion the version of the state the plan was made from
 * @param leafIds      the leaves to write, in the tree's key order
 * @param inputs       the files to read and remove, each with the partition it is on
 */
public record CompactionPlan(long tableVersion, List<String> leafIds, List<FileReference> inputs) {

    public CompactionPlan {
        leafIds = List.copyOf(leafIds);
        inputs = List.copyOf(inputs);
    }

    public boolean isEmpty() {
        return leafIds.isEmpty();
    }

    public long inputRows() {
        return inputs.stream().mapToLong(FileReference::rows).sum();
    }

    public List<String> inputPaths() {
        return inputs.stream().map(FileReference::path).toList();
    }

    /** The one transaction that swaps the inputs for the compacted files. */
    public ReplaceFiles commit(String jobId, String runId, List<FileReference> outputs) {
        Set<String> leaves = Set.copyOf(leafIds);
        for (FileReference output : outputs) {
            if (!leaves.contains(output.partitionId())) {
                throw new IllegalArgumentException("output " + output.path() + " is for partition " + output.partitionId()
                        + ", which this compaction does not write");
            }
        }
        return new ReplaceFiles(jobId, runId, inputPaths(), outputs);
    }

    /**
     * Why this plan cannot commit onto {@code now}: the first partition one of whose input files another
     * commit has removed (a compaction that won the race), or empty if every input is still there.
     */
    public Optional<String> changedPartition(Map<String, FileReference> now) {
        return inputs.stream().filter(f -> !now.containsKey(f.path())).map(FileReference::partitionId).findFirst();
    }
}
