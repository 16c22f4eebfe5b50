package sediment.core.log;

import sediment.core.error.SedimentException;
import sediment.core.storage.Storage;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A log kept as files in the table's directory: {@code log/<version>.json} and
 * {@code snapshots/<version>.json}. Entry creation relies on {@link Storage#createIfAbsent}; where
 * the storage cannot create atomically (object stores through Hadoop), committing is refused with a
 * clear error. On S3, sediment-aws-storage's S3Storage creates entries with conditional writes.
 */
public final class FileLogStorage implements LogStorage {
    private final Storage storage;
    private final String logDir;
    private final String snapshotDir;
    private final sediment.core.table.TablePaths paths;

    public FileLogStorage(Storage storage, String tableDir) {
        this.storage = storage;
        this.logDir = Storage.join(tableDir, "log");
        this.snapshotDir = Storage.join(tableDir, "snapshots");
        this.paths = new sediment.core.table.TablePaths(tableDir);
    }

    @Override
    public Optional<byte[]> readEntry(long version) throws IOException {
        return storage.readIfExists(entryLocation(version));
    }

    @Override
    public boolean createEntry(long version, byte[] content) throws IOException {
        try {
            return storage.createIfAbsent(entryLocation(version), content);
        } catch (UnsupportedOperationException e) {
            throw new SedimentException("Cannot commit to the table log at " + logDir + ": " + e.getMessage()
                    + ", so two writers could overwrite each other's commits. Keep the instance on a local disk or HDFS,"
                    + " or on S3 with sediment-aws-storage on the class path (it commits with S3 conditional writes).");
        }
    }

    @Override
    public OptionalLong latestEntryVersion() throws IOException {
        return highest(logDir);
    }

    @Override
    public OptionalLong latestSnapshotVersion() throws IOException {
        return highest(snapshotDir);
    }

    private OptionalLong highest(String dir) throws IOException {
        return storage.list(dir, false).stream()
                .map(f -> LogStorage.parseEntryName(Storage.name(f.path())))
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max();
    }

    @Override
    public byte[] readSnapshot(long version) throws IOException {
        String path = Storage.join(snapshotDir, LogStorage.entryName(version));
        return storage.readIfExists(path).orElseThrow(() -> new IOException(path + " does not exist"));
    }

    @Override
    public void writeSnapshot(long version, byte[] content) throws IOException {
        storage.write(Storage.join(snapshotDir, LogStorage.entryName(version)), content);
    }

    @Override
    public sediment.core.table.TablePaths paths() {
        return paths;
    }

    @Override
    public String entryLocation(long version) {
        return Storage.join(logDir, LogStorage.entryName(version));
    }
}
