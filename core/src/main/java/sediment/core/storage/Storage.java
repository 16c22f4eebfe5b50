package sediment.core.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The few file operations Sediment's own metadata needs (instance and table properties, the
 * transaction log, job status), on qualified paths such as {@code file:/data/x} or
 * {@code s3a://bucket/x}. Local instances use java.nio directly, which keeps table commands free of
 * Hadoop's start-up cost; a {@link StorageProvider} on the class path can serve other schemes
 * (sediment-aws-storage serves {@code s3a://} with S3 conditional writes), and the rest go through
 * Hadoop's FileSystem. Spark jobs read and write data files through Hadoop as Spark does.
 */
public interface Storage {

    record FileInfo(String path, long size, long modificationTime, boolean directory) {
    }

    Optional<byte[]> readIfExists(String path) throws IOException;

    /** Writes the whole file, replacing it if it exists; readers see the old or the new content. */
    void write(String path, byte[] content) throws IOException;

    /**
     * Creates the file only if it does not exist, atomically: of two racing callers exactly one gets
     * true. Backends that cannot promise this throw {@link UnsupportedOperationException}.
     */
    boolean createIfAbsent(String path, byte[] content) throws IOException;

    boolean exists(String path) throws IOException;

    /** Files and directories directly in {@code dir}, or every file below it when recursive; empty if absent. */
    List<FileInfo> list(String dir, boolean recursive) throws IOException;

    /** Deletes a file or a whole directory tree; false if nothing was there. */
    boolean delete(String path) throws IOException;

    /**
     * Deletes {@code dir} only if it is empty, in one step where the store has directories, so a file created in
     * it meanwhile is never deleted with it; false if it holds anything or is absent. A store without directories
     * (an object store) has nothing to delete.
     */
    default boolean deleteEmptyDirectory(String dir) throws IOException {
        return false;
    }

    /** Renames a file or directory; false when the target exists or the source does not. */
    boolean rename(String from, String to) throws IOException;

    void mkdirs(String dir) throws IOException;

    static String join(String base, String child) {
        return base.endsWith("/") ? base + child : base + "/" + child;
    }

    static String name(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
