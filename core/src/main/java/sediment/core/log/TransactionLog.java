package sediment.core.log;

import sediment.core.error.CommitConflictException;
import sediment.core.error.CommitStateUnknownException;
import sediment.core.error.SedimentException;
import sediment.core.run.HaltPoints;
import sediment.core.table.CreateTable;
import sediment.core.table.TableState;
import sediment.core.table.TableStateSerDe;
import sediment.core.table.Transaction;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A table's state as a log of numbered entries. Writers commit optimistically: read to the head,
 * validate the transaction against that state, create entry head+1 only if absent, and on losing
 * that race read again and retry. A snapshot of the whole state is written every
 * {@code snapshotInterval} entries so readers need not replay the whole log.
 */
public final class TransactionLog {
    private final String tableName;
    private final LogStorage storage;
    private final int snapshotInterval;
    private final int maxAttempts;
    private TableState cached;

    public TransactionLog(String tableName, LogStorage storage, int snapshotInterval, int maxAttempts) {
        this.tableName = tableName;
        this.storage = storage;
        this.snapshotInterval = snapshotInterval;
        this.maxAttempts = maxAttempts;
    }

    /**
     * What a commit did: the version it created and the state right after it, or, when the job had
     * already been committed, the head version and state.
     */
    public record CommitResult(long version, boolean alreadyCommitted, TableState state) {
    }

    /** The latest state: from the newest snapshot (or the cached state) forward through the log. */
    public synchronized TableState readState() {
        try {
            TableState start = cached;
            OptionalLong snapshot = storage.latestSnapshotVersion();
            if (snapshot.isPresent() && (start == null || start.version() < snapshot.getAsLong())) {
                start = readSnapshot(snapshot.getAsLong());
            }
            cached = replay(start, Long.MAX_VALUE);
            return cached;
        } catch (IOException e) {
            throw new SedimentException("Cannot read table " + tableName + ": " + e.getMessage(), e);
        }
    }

    /** A committed log entry. */
    public record Entry(long version, Transaction transaction) {
    }

    /**
     * The entry that committed {@code jobId}, found by reading the log from the start; for the rare
     * caller that needs what one job committed (a rerun reporting the counts of the original run).
     */
    public Optional<Entry> findJob(String jobId) {
        TableState head = readState();
        try {
            sediment.core.schema.Schema schema = null;
            for (long v = 1; v <= head.version(); v++) {
                Optional<byte[]> content = storage.readEntry(v);
                if (content.isEmpty()) {
                    // Entries below a snapshot may have been removed by hand; nothing more to find.
                    return Optional.empty();
                }
                Transaction t = parse(v, content.get(), schema);
                if (t instanceof CreateTable c) {
                    schema = c.schema();
                }
                if (jobId.equals(t.jobId())) {
                    return Optional.of(new Entry(v, t));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new SedimentException("Cannot read table " + tableName + ": " + e.getMessage(), e);
        }
    }

    /** The state as it was right after entry {@code version} was committed. */
    public TableState stateAt(long version) {
        if (version < 1) {
            throw new SedimentException("Cannot read table " + tableName + " at version " + version + ": versions start at 1");
        }
        try {
            TableState start = null;
            OptionalLong snapshot = storage.latestSnapshotVersion();
            if (snapshot.isPresent() && snapshot.getAsLong() <= version) {
                start = readSnapshot(snapshot.getAsLong());
            }
            TableState state = replay(start, version);
            if (state == null || state.version() < version) {
                throw new SedimentException("Cannot read table " + tableName + " at version " + version
                        + ": the log ends at version " + (state == null ? 0 : state.version()));
            }
            return state;
        } catch (IOException e) {
            throw new SedimentException("Cannot read table " + tableName + ": " + e.getMessage(), e);
        }
    }

    private TableState readSnapshot(long version) throws IOException {
        try {
            return TableStateSerDe.readSnapshot(tableName, storage.readSnapshot(version), storage.paths());
        } catch (IOException | RuntimeException e) {
            throw new SedimentException("Cannot read table " + tableName + ": snapshot " + version + " is corrupt: "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code start} with the entries after it applied, up to {@code upTo}. The builder, which copies the state's
     * files, is made only once there is an entry to apply: reading a state that is already up to date costs the
     * look for the next entry, not a copy of every file reference in the table.
     */
    private TableState replay(TableState start, long upTo) throws IOException {
        TableState.Builder builder = null;
        long version = start == null ? 0 : start.version();
        while (version < upTo) {
            Optional<byte[]> entry = storage.readEntry(version + 1);
            if (entry.isEmpty()) {
                checkNoEntryAfter(version + 1);
                break;
            }
            Transaction t = parse(version + 1, entry.get(), builder != null ? builder.schema() : start == null ? null : start.schema());
            if (builder == null) {
                builder = start == null ? new TableState.Builder(tableName) : new TableState.Builder(start);
            }
            if (t.jobId() != null && builder.hasCommitted(t.jobId())) {
                // The commit protocol never writes a job id twice, so a second one was not written by it.
                throw damaged(version + 1, "it commits job " + t.jobId() + " a second time");
            }
            applyTo(builder, t, version + 1);
            version++;
        }
        return builder == null ? start : builder.build();
    }

    /**
     * Entry {@code missing} is absent: that is the end of the log only if no later entry exists.
     * Read as the end, a gap would hide every file committed after it, and gc would then delete them.
     */
    private void checkNoEntryAfter(long missing) throws IOException {
        OptionalLong latest = storage.latestEntryVersion();
        if (latest.isPresent() && latest.getAsLong() > missing) {
            throw new SedimentException("Cannot read table " + tableName + ": log entry " + missing + " ("
                    + storage.entryLocation(missing) + ") is missing, but the log goes on to entry " + latest.getAsLong()
                    + "; the log is damaged. Restore the entry (e.g. from a backup); until then no command reads, commits"
                    + " to or collects garbage in this table");
        }
    }

    private SedimentException damaged(long version, String why) {
        return new SedimentException("Cannot read table " + tableName + ": log entry " + version + " ("
                + storage.entryLocation(version) + ") is damaged: " + why);
    }

    private Transaction parse(long version, byte[] content, sediment.core.schema.Schema schema) {
        try {
            return TableStateSerDe.readTransaction(content, schema, storage.paths());
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            throw new SedimentException("Cannot read table " + tableName + ": log entry " + version + " ("
                    + storage.entryLocation(version) + ") is corrupt or truncated: " + reason, e);
        }
    }

    private static void applyTo(TableState.Builder builder, Transaction t, long version) {
        TableState.Access.apply(builder, t, version);
    }

    /** Commits one transaction; throws {@link CommitConflictException} if it cannot apply to the head. */
    public CommitResult commit(Transaction transaction) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            TableState head = transaction instanceof CreateTable ? readStateOrNull() : readState();
            if (head == null && !(transaction instanceof CreateTable)) {
                throw new SedimentException("Cannot commit to table " + tableName + ": it does not exist");
            }
            if (transaction.jobId() != null && head != null && head.committedJobIds().contains(transaction.jobId())) {
                return new CommitResult(head.version(), true, head);
            }
            transaction.validate(head);
            long next = head == null ? 1 : head.version() + 1;
            byte[] content = TableStateSerDe.writeTransaction(transaction, head == null ? null : head.schema(), storage.paths());
            boolean created;
            try {
                created = storage.createEntry(next, content);
            } catch (sediment.core.storage.NotCreatedException e) {
                // A run gc revoked while it was paused finds its temporary entry removed: the revocation is the
                // reason to report, and validating against the head as it is now reports it.
                throwIfRevoked(transaction);
                throw new SedimentException("Cannot commit to table " + tableName + ": log entry " + next
                        + " could not be written (" + e.getMessage() + "); nothing was committed", e);
            } catch (IOException e) {
                throw new CommitStateUnknownException("Cannot tell whether the commit to table " + tableName
                        + " succeeded: writing log entry " + next + " failed: " + e.getMessage(), e);
            }
            if (!created && transaction.jobId() == null && isOurEntry(next, content)) {
                // The entry holds exactly what we wrote: our write landed, but its answer was lost and the
                // retried create was refused (an S3 conditional PUT retried by the SDK answers 412).
                // Transactions with a job id are recognised through the committed job ids instead.
                created = true;
            }
            if (created) {
                HaltPoints.reach("log:entry-created");
                // The state right after our entry is the head we validated against plus our transaction:
                // no need to read the log again (which could fail after the commit succeeded).
                TableState.Builder builder = head == null ? new TableState.Builder(tableName) : new TableState.Builder(head);
                applyTo(builder, transaction, next);
                TableState state = builder.build();
                remember(state);
                maybeSnapshot(state);
                return new CommitResult(next, false, state);
            }
            backOff(attempt);
        }
        throw new CommitConflictException("Cannot commit to table " + tableName + ": lost the race for the next log entry "
                + maxAttempts + " times; other writers are committing too often");
    }

    private void throwIfRevoked(Transaction transaction) {
        if (transaction instanceof CreateTable) {
            return;
        }
        try {
            transaction.validate(readState());
        } catch (sediment.core.error.RunRevokedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Any other objection is not why the entry was not written.
        }
    }

    private boolean isOurEntry(long version, byte[] content) {
        try {
            return storage.readEntry(version).map(existing -> java.util.Arrays.equals(existing, content)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void remember(TableState state) {
        if (cached == null || cached.version() < state.version()) {
            cached = state;
        }
    }

    private synchronized TableState readStateOrNull() {
        try {
            return storage.readEntry(1).isEmpty() ? null : readState();
        } catch (IOException e) {
            throw new SedimentException("Cannot read table " + tableName + ": " + e.getMessage(), e);
        }
    }

    private void maybeSnapshot(TableState state) {
        if (snapshotInterval > 0 && state.version() % snapshotInterval == 0) {
            try {
                storage.writeSnapshot(state.version(), TableStateSerDe.writeSnapshot(state, storage.paths()));
            } catch (IOException e) {
                // A missing snapshot only makes the next read replay more entries.
            }
        }
    }

    private static void backOff(int attempt) {
        long maxMillis = Math.min(200, 1L << Math.min(attempt, 8));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SedimentException("Interrupted while committing to table");
        }
    }
}
