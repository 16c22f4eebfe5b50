package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A directory is removed only while empty, whichever file system reaches it: never a file inside it. */
class EmptyDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRemoveAnEmptyDirectoryAndNothingElseOnLocalStorage() throws Exception {
        LocalStorage storage = new LocalStorage();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("f.parquet"), "rows");

        assertThat(storage.deleteEmptyDirectory(LocalStorage.qualify(empty))).isTrue();
        assertThat(storage.deleteEmptyDirectory(LocalStorage.qualify(full))).isFalse();
        assertThat(storage.deleteEmptyDirectory(LocalStorage.qualify(tmp.resolve("absent")))).isFalse();
        assertThat(storage.deleteEmptyDirectory(LocalStorage.qualify(full.resolve("f.parquet")))).as("a file").isFalse();

        assertThat(empty).doesNotExist();
        assertThat(full.resolve("f.parquet")).hasContent("rows");
    }

    @Test
    void shouldNeverDeleteAFileThroughHadoopsLocalFileSystemWhoseNonRecursiveDeleteIsRecursive() throws Exception {
        org.apache.hadoop.fs.LocalFileSystem local = FileSystem.getLocal(new Configuration());
        FileSystem raw = local.getRawFileSystem();
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("f.parquet"), "rows");
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        for (FileSystem fs : new FileSystem[]{local, raw}) {
            assertThat(EmptyDirectories.removeIfEmpty(fs, new org.apache.hadoop.fs.Path(full.toUri()))).isFalse();
            assertThat(full.resolve("f.parquet")).hasContent("rows");
        }
        assertThat(EmptyDirectories.removeIfEmpty(raw, new org.apache.hadoop.fs.Path(empty.toUri()))).isTrue();
        assertThat(empty).doesNotExist();
    }
}
