package sediment.core.testutil;

import sediment.core.log.LogStorage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transaction log kept in memory, for unit tests of the commit protocol. A one-shot hook runs before the next
 * entry is created, so a test can play another writer that takes the version first; entry reads
 * are recorded so a test can see whether a snapshot was used.
 */
public final class InMemoryLogStorage implements LogStorage {

    /** Runs before entry {@code version} is created; may create entries itself or throw. */
    public interface BeforeCreate {
        void run(long version) throws IOException;
    }

    private final Map<Long, byte[]> entries = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> snapshots = new ConcurrentHashMap<>();
    private final List<Long> entryReads = new CopyOnWriteArrayList<>();
    private volatile BeforeCreate beforeCreate = version -> { };
    private volatile BeforeCreate afterCreate = version -> { };

    public void beforeCreate(BeforeCreate hook) {
        this.beforeCreate = hook;
    }

    /** A one-shot hook that runs right after the next entry was created, e.g. to commit as another writer. */
    public void afterCreate(BeforeCreate hook) {
        this.afterCreate = hook;
    }

    @Override
    public OptionalLong latestEntryVersion() {
        return entries.keySet().stream().mapToLong(Long::longValue).max();
    }

    /** Plays damage done outside Sediment: an entry deleted or moved away. */
    public void removeEntry(long version) {
        entries.remove(version);
    }

    @Override
    public Optional<byte[]> readEntry(long version) {
        entryReads.add(version);
        return Optional.ofNullable(entries.get(version)).map(byte[]::clone);
    }

    @Override
    public boolean createEntry(long version, byte[] content) throws IOException {
        // The hook runs once; it may install another for the next attempt.
        BeforeCreate hook = beforeCreate;
        beforeCreate = v -> { };
        hook.run(version);
        boolean created = entries.putIfAbsent(version, content.clone()) == null;
        if (created) {
            BeforeCreate after = afterCreate;
            afterCreate = v -> { };
            after.run(version);
        }
        return created;
    }

    /** Plays another writer: puts an entry directly, as if committed elsewhere. */
    public void putEntry(long version, byte[] content) {
        entries.put(version, content.clone());
    }

    public Map<Long, byte[]> entries() {
        return Map.copyOf(entries);
    }

    public Map<Long, byte[]> snapshots() {
        return Map.copyOf(snapshots);
    }

    /** Entry versions read so far, in order (including reads that found nothing). */
    public List<Long> entryReads() {
        return List.copyOf(entryReads);
    }

    public void clearEntryReads() {
        entryReads.clear();
    }

    @Override
    public OptionalLong latestSnapshotVersion() {
        return snapshots.keySet().stream().mapToLong(Long::longValue).max();
    }

    @Override
    public byte[] readSnapshot(long version) throws IOException {
        byte[] content = snapshots.get(version);
        if (content == null) {
            throw new IOException("no snapshot " + version);
        }
        return content.clone();
    }

    @Override
    public void writeSnapshot(long version, byte[] content) {
        snapshots.put(version, content.clone());
    }

    /** Replaces a snapshot's content, e.g. to corrupt it. */
    public void putSnapshot(long version, byte[] content) {
        snapshots.put(version, content.clone());
    }

    @Override
    public String entryLocation(long version) {
        return "memory:log/" + LogStorage.entryName(version);
    }
}
