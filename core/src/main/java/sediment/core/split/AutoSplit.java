package sediment.core.split;

import sediment.core.error.CommitConflictException;
import sediment.core.key.KeyText;
import sediment.core.log.TransactionLog;
import sediment.core.partition.Partition;
import sediment.core.schema.PrimitiveType;
import sediment.core.table.FileReference;
import sediment.core.table.SplitPartition;
import sediment.core.table.TableState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Splits every leaf holding more than the threshold of rows at a point taken from its data: the merged key
 * sketches of its files give the median on the first row-key field, or on the next field when every row of
 * the leaf has the same value there. Rows are counted from the leaf's own files; files still on an ancestor
 * are not (compact first to push them down). Each split is its own SplitPartition entry, which the log
 * refuses if the leaf was split by another commit meanwhile.
 */
public final class AutoSplit {
    private AutoSplit() {
    }

    /** A split chosen for one leaf, with the rows and sketches it was chosen from. */
    public record Proposal(String leafId, long rows, int dimension, Object splitPoint, int sketchesComputed) {
        public SplitPartition transaction() {
            return new SplitPartition(leafId, dimension, splitPoint);
        }
    }

    /** A leaf over the threshold that cannot be split, and why. */
    public record Skipped(String leafId, long rows, String reason) {
    }

    public record Plan(List<Proposal> proposals, List<Skipped> skipped) {
        public Plan {
            proposals = List.copyOf(proposals);
            skipped = List.copyOf(skipped);
        }
    }

    public static Plan plan(TableState state, long threshold, SketchFiles sketches) throws IOException {
        Map<String, List<FileReference>> byLeaf = new TreeMap<>();
        for (FileReference f : state.files().values()) {
            byLeaf.computeIfAbsent(f.partitionId(), k -> new ArrayList<>()).add(f);
        }
        List<PrimitiveType> types = state.schema().rowKeyTypes();
        List<Proposal> proposals = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Partition leaf : state.partitions().leaves()) {
            List<FileReference> files = byLeaf.getOrDefault(leaf.id(), List.of());
            long rows = files.stream().mapToLong(FileReference::rows).sum();
            if (rows <= threshold) {
                continue;
            }
            List<KeySketch> parts = new ArrayList<>();
            int computed = 0;
            for (FileReference f : files) {
                SketchFiles.Found found = sketches.sketchOf(f.path());
                parts.add(found.sketch());
                computed += found.computed() ? 1 : 0;
            }
            KeySketch merged = KeySketch.merge(types, parts);
            Optional<Proposal> proposal = Optional.empty();
            for (int d = 0; d < types.size() && proposal.isEmpty(); d++) {
                int dimension = d;
                final int c = computed;
                proposal = merged.splitPoint(d).filter(at -> leaf.region().get(dimension).canSplitAt(types.get(dimension), at))
                        .map(at -> new Proposal(leaf.id(), rows, dimension, at, c));
            }
            proposal.ifPresentOrElse(proposals::add, () -> skipped.add(new Skipped(leaf.id(), rows,
                    "every row in it has the same row key, so no split point leaves rows on both sides")));
        }
        return new Plan(proposals, skipped);
    }

    /** The outcome of committing one proposal. */
    public record Outcome(Proposal proposal, long version, String failure) {
        public boolean committed() {
            return failure == null;
        }
    }

    /** Commits each proposal on its own; a leaf another commit has split since is reported, not retried. */
    public static List<Outcome> commit(TransactionLog log, Plan plan) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Proposal p : plan.proposals()) {
            try {
                outcomes.add(new Outcome(p, log.commit(p.transaction()).version(), null));
            } catch (CommitConflictException e) {
                outcomes.add(new Outcome(p, -1, "leaf " + p.leafId() + " changed while splitting (" + e.getMessage()
                        + "): rerun"));
            }
        }
        return outcomes;
    }

    public static String describe(PrimitiveType type, Object value) {
        return KeyText.format(type, value);
    }
}
