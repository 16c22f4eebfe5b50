package sediment.core.log;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a table's transaction log lives. The one operation that matters for correctness is
 * {@link #createEntry}: it must create entry N only if no entry N exists, atomically, so that two
 * writers racing for the same version cannot both succeed. Backends that cannot promise that must
 * refuse to create entries rather than risk a lost update.
 */
public interface LogStorage {

    Optional<byte[]> readEntry(long version) throws IOException;

    /** Creates entry {@code version} with the content, or returns false if it already exists. */
    boolean createEntry(long version, byte[] content) throws IOException;

    /**
     * The highest entry version present, found by listing rather than by reading forward, so that a
     * missing entry below it shows up as a gap instead of as the end of the log.
     */
    OptionalLong latestEntryVersion() throws IOException;

    OptionalLong latestSnapshotVersion() throws IOException;

    byte[] readSnapshot(long version) throws IOException;

    /** Snapshots are derived data, so overwriting one with the same content is harmless. */
    void writeSnapshot(long version, byte[] content) throws IOException;

    /** How the log spells data file paths: relative to the table directory where it has one. */
    default sediment.core.table.TablePaths paths() {
        return sediment.core.table.TablePaths.ABSOLUTE;
    }

    /** Where entry {@code version} is, for messages. */
    String entryLocation(long version);

    static String entryName(long version) {
        return String.format("%020d.json", version);
    }

    static OptionalLong parseEntryName(String name) {
        if (name.length() == 25 && name.endsWith(".json")) {
            try {
                return OptionalLong.of(Long.parseLong(name.substring(0, 20)));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
