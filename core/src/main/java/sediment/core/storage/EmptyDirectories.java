package sediment.core.storage;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * Removes a directory only while it is empty. Hadoop's local file system checks for children and then deletes
 * recursively, so a file created between the two would go with it; on local disk this uses rmdir(2), which
 * refuses a directory that is not empty in one step. Other file systems (HDFS, S3A) refuse a non-recursive
 * delete of a directory with children themselves.
 */
public final class EmptyDirectories {
    private EmptyDirectories() {
    }

    /** True if {@code dir} was an empty directory and is gone; false if it holds anything or is absent. */
    public static boolean removeIfEmpty(FileSystem fs, Path dir) throws IOException {
        if (fs instanceof LocalFileSystem local) {
            return removeIfEmpty(local.pathToFile(dir).toPath());
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return removeIfEmpty(raw.pathToFile(dir).toPath());
        }
        try {
            return fs.getFileStatus(dir).isDirectory() && fs.delete(dir, false);
        } catch (java.io.FileNotFoundException | org.apache.hadoop.fs.PathIsNotEmptyDirectoryException e) {
            return false;
        }
    }

    static boolean removeIfEmpty(java.nio.file.Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.delete(dir);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
    }
}
