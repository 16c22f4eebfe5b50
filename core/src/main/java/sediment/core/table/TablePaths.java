package sediment.core.table;

/**
 * How the log spells the paths of a table's data files: relative to the table's directory when they
 * lie under it, so that an instance copied or moved elsewhere (another directory, another bucket) reads
 * its own files rather than the original's. Paths are resolved against the table's current directory
 * as the log is read; absolute paths (files elsewhere, and entries written before this rule) read as
 * they are.
 */
public record TablePaths(String tableDir) {
    /** No table directory: every path is kept exactly as given (for tests and tools reading bare entries). */
    public static final TablePaths ABSOLUTE = new TablePaths(null);

    /** The form to store. */
    public String relativize(String path) {
        if (tableDir == null) {
            return path;
        }
        String prefix = tableDir.endsWith("/") ? tableDir : tableDir + "/";
        return path.startsWith(prefix) && path.length() > prefix.length() ? path.substring(prefix.length()) : path;
    }

    /** The absolute path of a stored one. */
    public String resolve(String stored) {
        if (tableDir == null || isAbsolute(stored)) {
            return stored;
        }
        return tableDir.endsWith("/") ? tableDir + stored : tableDir + "/" + stored;
    }

    static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }
}
