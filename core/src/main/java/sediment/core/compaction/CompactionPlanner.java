package sediment.core.compaction;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;
import sediment.core.partition.Partition;
import sediment.core.partition.PartitionTree;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the leaves a compaction rewrites. A leaf needs compacting when the files that hold its rows —
 * its own and those still on its ancestors since they were split — number at least the threshold. Any
 * ancestor file a chosen leaf reads pulls in every other leaf below that ancestor, so the file can be
 * removed whole.
 */
public final class CompactionPlanner {
    /** An explicitly named partition is compacted as soon as it is more than one file. */
    static final int NAMED_PARTITION_MIN_FILES = 2;

    private CompactionPlanner() {
    }

    /**
     * The file count that makes a leaf need compacting: the job's, else 2 for a named partition, else the
     * table's {@code sleeper.table.compaction.files.batch.size}.
     */
    public static int minFiles(CompactionJob job, PropertyLayers settings) {
        if (job.minFiles() != null) {
            return job.minFiles();
        }
        if (job.partitionId() != null) {
            return NAMED_PARTITION_MIN_FILES;
        }
        int batch = settings.getInt(SedimentProperties.COMPACTION_FILES_BATCH_SIZE);
        if (batch < 2) {
            throw new InvalidInputException("Property " + SedimentProperties.COMPACTION_FILES_BATCH_SIZE.name()
                    + " must be at least 2, not " + batch);
        }
        return batch;
    }

    /**
     * The plan for {@code state}: every leaf (or every leaf under {@code partitionId}, when given) holding at
     * least {@code minFiles} files, closed over shared ancestor files. Empty when nothing needs compacting.
     */
    public static CompactionPlan plan(TableState state, String partitionId, int minFiles) {
        PartitionTree tree = state.partitions();
        Map<String, List<FileReference>> filesByPartition = new HashMap<>();
        for (FileReference f : state.files().values()) {
            filesByPartition.computeIfAbsent(f.partitionId(), k -> new ArrayList<>()).add(f);
        }
        List<Partition> candidates;
        if (partitionId == null) {
            candidates = tree.leaves();
        } else {
            Partition named = tree.partition(partitionId).orElseThrow(() -> new InvalidInputException(
                    "Cannot compact partition " + partitionId + " of table " + state.tableName() + ": no such partition"));
            candidates = leavesUnder(tree, named);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (Partition leaf : candidates) {
            int files = filesByPartition.getOrDefault(leaf.id(), List.of()).size();
            for (Partition a : ancestors(tree, leaf)) {
                files += filesByPartition.getOrDefault(a.id(), List.of()).size();
            }
            if (files >= minFiles) {
                chosen.add(leaf.id());
            }
        }
        // An ancestor's file is read whole, so every leaf below it is rewritten with its share of the rows.
        Set<String> ancestorsRead = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String leafId : List.copyOf(chosen)) {
                for (Partition a : ancestors(tree, tree.partition(leafId).orElseThrow())) {
                    if (filesByPartition.containsKey(a.id()) && ancestorsRead.add(a.id())) {
                        for (Partition l : leavesUnder(tree, a)) {
                            grew |= chosen.add(l.id());
                        }
                    }
                }
            }
        }
        List<String> leafIds = tree.leaves().stream().map(Partition::id).filter(chosen::contains).toList();
        List<FileReference> inputs = new ArrayList<>();
        for (String id : leafIds) {
            inputs.addAll(filesByPartition.getOrDefault(id, List.of()));
        }
        tree.sortedById().stream().filter(p -> ancestorsRead.contains(p.id()))
                .forEach(p -> inputs.addAll(filesByPartition.get(p.id())));
        return new CompactionPlan(state.version(), leafIds, inputs);
    }

    private static List<Partition> ancestors(PartitionTree tree, Partition p) {
        List<Partition> out = new ArrayList<>();
        String parent = p.parentId();
        while (parent != null) {
            Partition a = tree.partition(parent).orElseThrow();
            out.add(a);
            parent = a.parentId();
        }
        return out;
    }

    private static List<Partition> leavesUnder(PartitionTree tree, Partition p) {
        if (p.isLeaf()) {
            return List.of(p);
        }
        List<Partition> out = new ArrayList<>();
        for (String child : p.childIds()) {
            out.addAll(leavesUnder(tree, tree.partition(child).orElseThrow()));
        }
        return out;
    }
}
