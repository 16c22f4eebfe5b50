package sediment.core.gc;

import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.instance.Table;
import sediment.core.log.TransactionLog;
import sediment.core.run.RunRegistry;
import sediment.core.run.RunRegistry.RunRecord;
import sediment.core.split.SketchFiles;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;
import sediment.core.table.DataFileName;
import sediment.core.table.RevokeRuns;
import sediment.core.table.TableState;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes data files that the table's state does not reference: files of failed, retried, duplicate
 * or dead runs and files replaced by later transactions. It never deletes a file that a run may still
 * commit, whatever the interleaving:
 * <ol>
 * <li>It lists the data files, then the registered runs, then reads the state, in that order. A run
 * registers before writing its first file and marks itself finished only after its last commit
 * attempt, so a file listed in step 1 either belongs to a run seen in step 2, or is in the state of
 * step 3 if its run committed.</li>
 * <li>Files of finished or revoked runs, and files whose name carries no run id, are garbage once
 * unreferenced and older than the grace period.</li>
 * <li>Files of a run whose heartbeat is fresh are kept: the run may still commit.</li>
 * <li>For a run whose heartbeat stopped (or that left no registration), gc first commits a
 * {@link RevokeRuns} entry. The log orders that against the run's own commit: if the run committed
 * first, the state after the revocation references its files and they are kept; if not, the run's
 * commit is refused for ever. Only then are its unreferenced files deleted.</li>
 * </ol>
 * A damaged log (a missing or unreadable entry) fails the state read, so gc then deletes nothing.
 */
public final class GarbageCollector {
    private GarbageCollector() {
    }

    /** A file gc deleted (or would delete, on a dry run), and why. */
    public record Deletion(String path, String reason) {
    }

    /**
     * @param revokedRuns the runs gc revoked (or would revoke), described
     * @param keptRunning unreferenced files kept because their run may still commit
     */
    public record Result(List<Deletion> deletions, List<String> revokedRuns, int keptTooNew, int keptRunning, int referenced) {
        public List<String> deleted() {
            return deletions.stream().map(Deletion::path).toList();
        }
    }

    public static Result collect(Table table, Duration olderThan, Instant now, boolean dryRun) {
        if (olderThan.isNegative()) {
            throw new InvalidInputException("Cannot collect garbage in table " + table.name() + ": the grace period "
                    + olderThan + " is negative");
        }
        Storage storage = table.instance().storage();
        RunRegistry registry = RunRegistry.of(table);
        long cutoff = now.minus(olderThan).toEpochMilli();
        try {
            List<Storage.FileInfo> files = storage.list(table.dataPath(), true);
            Map<String, RunRecord> runs = new HashMap<>();
            registry.runs().forEach(r -> runs.put(r.runId(), r));
            TableState state = table.state();
            Set<String> referenced = referencedPaths(state, table.instance().root());

            List<Deletion> deletions = new ArrayList<>();
            Map<String, String> toRevoke = new LinkedHashMap<>();
            Map<String, List<String>> filesOfRevoked = new LinkedHashMap<>();
            int tooNew = 0;
            int running = 0;
            int kept = 0;
            for (Storage.FileInfo file : files) {
                // A key sketch is judged as its data file is: kept while that file is kept, collected with it.
                Optional<String> sketchOf = SketchFiles.dataFileOf(file.path());
                String judged = sketchOf.orElse(file.path());
                if (referenced.contains(qualify(judged, table.instance().root()))) {
                    kept++;
                    continue;
                }
                if (file.modificationTime() > cutoff) {
                    tooNew++;
                    continue;
                }
                Optional<String> runId = DataFileName.runOf(Storage.name(judged));
                if (runId.isEmpty()) {
                    deletions.add(new Deletion(file.path(), sketchOf.isPresent()
                            ? "key sketch of unreferenced data file " + Storage.name(judged)
                            : "unreferenced, and its name carries no run id"));
                } else if (state.revokedRunIds().contains(runId.get())) {
                    deletions.add(new Deletion(file.path(), sketchReason(file.path(), "unreferenced file of revoked run " + runId.get())));
                } else {
                    RunRecord run = runs.get(runId.get());
                    if (run != null && run.finished()) {
                        deletions.add(new Deletion(file.path(), sketchReason(file.path(), "unreferenced file of finished " + run.describe(now)
                                + ": no commit references it now (replaced by a later commit, such as a compaction, or a failed,"
                                + " retried or duplicate attempt)")));
                    } else if (run != null && run.mayStillCommit(registry.leaseTimeout(), now)) {
                        running += sketchOf.isPresent() ? 0 : 1;
                    } else {
                        toRevoke.putIfAbsent(runId.get(), run == null ? "run " + runId.get() + " left no registration"
                                : run.describe(now) + " stopped: no heartbeat within " + registry.leaseTimeout().toSeconds() + " s");
                        filesOfRevoked.computeIfAbsent(runId.get(), k -> new ArrayList<>()).add(file.path());
                    }
                }
            }
            if (!toRevoke.isEmpty()) {
                // After the revocation no revoked run can commit, so the state it returns is final for their files.
                Set<String> afterRevoke = dryRun ? referenced : referencedPaths(revoke(table.log(), toRevoke), table.instance().root());
                for (Map.Entry<String, List<String>> run : filesOfRevoked.entrySet()) {
                    for (String path : run.getValue()) {
                        if (afterRevoke.contains(qualify(SketchFiles.dataFileOf(path).orElse(path), table.instance().root()))) {
                            kept++;
                        } else {
                            deletions.add(new Deletion(path, sketchReason(path, "unreferenced file of revoked " + toRevoke.get(run.getKey()))));
                        }
                    }
                }
            }
            // A temporary file lives for milliseconds while its writer is alive; give writers at least the lease.
            long tmpCutoff = Math.min(cutoff, now.minus(registry.leaseTimeout()).toEpochMilli());
            for (String tmp : abandonedTemporaryFiles(storage, table, registry, tmpCutoff)) {
                deletions.add(new Deletion(tmp, "temporary file of an interrupted write"));
            }
            if (!dryRun) {
                for (Deletion d : deletions) {
                    storage.delete(d.path());
                }
                removeEmptiedRunDirectories(storage, deletions);
                forgetFinishedRuns(registry, runs.values(), state, cutoff, files, deletions);
            }
            return new Result(List.copyOf(deletions), List.copyOf(toRevoke.values()), tooNew, running, kept);
        } catch (IOException e) {
            throw new SedimentException("Cannot collect garbage in table " + table.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A run's directory that this pass emptied goes too, where the store has directories. Only files of runs that
     * can no longer commit were deleted from it, and it is removed only if nothing is in it at that moment: a
     * revoked run that is still alive and writes again recreates it, and its file is then collected like any other.
     */
    private static void removeEmptiedRunDirectories(Storage storage, List<Deletion> deletions) throws IOException {
        Set<String> dirs = new java.util.LinkedHashSet<>();
        for (Deletion d : deletions) {
            int slash = d.path().lastIndexOf('/');
            if (slash <= 0) {
                continue;
            }
            String dir = d.path().substring(0, slash);
            Optional<String> fileRun = DataFileName.runOf(Storage.name(SketchFiles.dataFileOf(d.path()).orElse(d.path())));
            if (fileRun.isPresent() && fileRun.equals(DataFileName.runOfDirectory(Storage.name(dir)))) {
                dirs.add(dir);
            }
        }
        for (String dir : dirs) {
            storage.deleteEmptyDirectory(dir);
        }
    }

    /** A sketch's reason is its data file's, said of the sketch. */
    private static String sketchReason(String path, String dataFileReason) {
        return SketchFiles.dataFileOf(path).map(data -> "key sketch of unreferenced data file " + Storage.name(data) + " ("
                + dataFileReason + ")").orElse(dataFileReason);
    }

    private static TableState revoke(TransactionLog log, Map<String, String> runs) {
        return log.commit(new RevokeRuns(List.copyOf(runs.keySet()), "gc: " + String.join("; ", runs.values()))).state();
    }

    private static Set<String> referencedPaths(TableState state, String root) {
        Set<String> referenced = new HashSet<>();
        for (String path : state.files().keySet()) {
            referenced.add(qualify(path, root));
        }
        return referenced;
    }

    /** Log entries and snapshots are written to hidden temporary files first; a killed writer leaves them behind. */
    private static List<String> abandonedTemporaryFiles(Storage storage, Table table, RunRegistry registry, long cutoff)
            throws IOException {
        List<String> out = new ArrayList<>(registry.abandonedTemporaryFiles(cutoff));
        for (String dir : List.of("log", "snapshots")) {
            for (Storage.FileInfo f : storage.list(Storage.join(table.path(), dir), false)) {
                String name = Storage.name(f.path());
                if (name.startsWith(".") && name.endsWith(".tmp") && f.modificationTime() < cutoff) {
                    out.add(f.path());
                }
            }
        }
        return out;
    }

    /** Registrations of runs that can no longer commit and have no files left to judge are removed once old. */
    private static void forgetFinishedRuns(RunRegistry registry, Iterable<RunRecord> runs, TableState state, long cutoff,
                                           List<Storage.FileInfo> files, List<Deletion> deleted) {
        Set<String> gone = new HashSet<>();
        deleted.forEach(d -> gone.add(d.path()));
        Set<String> runsWithFiles = new HashSet<>();
        for (Storage.FileInfo f : files) {
            if (!gone.contains(f.path())) {
                DataFileName.runOf(Storage.name(f.path())).ifPresent(runsWithFiles::add);
            }
        }
        for (RunRecord run : runs) {
            boolean over = run.finished() || state.revokedRunIds().contains(run.runId());
            boolean old = run.lastBeat() != null && run.lastBeat().toEpochMilli() < cutoff;
            if (over && old && !runsWithFiles.contains(run.runId())) {
                registry.forget(run.runId());
            }
        }
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
