package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.SedimentException;
import sediment.core.log.FileLogStorage;
import sediment.core.log.TransactionLog;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.table.CreateTable;
import sediment.core.testutil.LogSnapshot;
import sediment.core.testutil.TestSchemas;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HadoopStorage on Hadoop's local file system. Committing needs an atomic create-if-absent, which
 * Hadoop only gives where rename refuses an existing target (HDFS), so every other scheme is refused.
 */
class HadoopStorageTest {
    @TempDir
    Path tmp;

    /** Hadoop's raw local file system under the s3a scheme: an object store whose rename is not atomic. */
    public static final class NonAtomicFileSystem extends RawLocalFileSystem {
        @Override
        public String getScheme() {
            return "s3a";
        }
    }

    private static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.s3a.impl", NonAtomicFileSystem.class.getName());
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        return conf;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseToCommitThroughAFileSystemThatCannotCreateAtomically() throws Exception {
        HadoopStorage storage = new HadoopStorage(URI.create("s3a://bucket/instance"), conf());
        String tableDir = LocalStorage.qualify(tmp.resolve("table"));
        Schema schema = TestSchemas.longKey();
        TransactionLog log = new TransactionLog("t", new FileLogStorage(storage, tableDir), 10, 3);
        LogSnapshot before = LogSnapshot.of(tmp);

        assertThatThrownBy(() -> log.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes()))))
                .isInstanceOf(SedimentException.class)
                .hasMessage("Cannot commit to the table log at " + tableDir + "/log: the s3a file system cannot create a file"
                        + " atomically, so two writers could overwrite each other's commits. Keep the instance on a local disk"
                        + " or HDFS, or on S3 with sediment-aws-storage on the class path (it commits with S3 conditional writes).");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseCreateIfAbsentOnHadoopsLocalFileSystem() throws Exception {
        // Hadoop's local rename replaces an existing target, so it is no safer than an object store.
        HadoopStorage storage = new HadoopStorage(URI.create("file:///"), new Configuration(false));

        assertThatThrownBy(() -> storage.createIfAbsent(LocalStorage.qualify(tmp.resolve("x")), bytes("x")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("the file file system cannot create a file atomically");
    }

    @Test
    void shouldReadWriteListAndDeleteWithTheSamePathsAsLocalStorage() throws Exception {
        HadoopStorage hadoop = new HadoopStorage(URI.create("file:///"), new Configuration(false));
        LocalStorage local = new LocalStorage();
        String dir = LocalStorage.qualify(tmp.resolve("d"));

        hadoop.write(dir + "/a.txt", bytes("a"));
        hadoop.write(dir + "/sub/b.txt", bytes("bb"));
        hadoop.write(dir + "/a.txt", bytes("aa"));

        assertThat(hadoop.readIfExists(dir + "/a.txt")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("aa")));
        assertThat(hadoop.readIfExists(dir + "/missing")).isEmpty();
        assertThat(hadoop.exists(dir + "/sub/b.txt")).isTrue();
        assertThat(hadoop.list(dir, true)).extracting(Storage.FileInfo::path)
                .containsExactlyInAnyOrderElementsOf(local.list(dir, true).stream()
                        .map(Storage.FileInfo::path).filter(p -> !p.endsWith(".crc")).toList());
        assertThat(hadoop.list(dir, false)).extracting(Storage.FileInfo::path).containsExactlyInAnyOrder(dir + "/a.txt", dir + "/sub");
        assertThat(hadoop.list(dir + "/missing", true)).isEmpty();
        assertThat(hadoop.rename(dir + "/a.txt", dir + "/sub/b.txt")).isFalse();
        assertThat(hadoop.rename(dir + "/a.txt", dir + "/moved/a.txt")).isTrue();
        assertThat(hadoop.delete(dir)).isTrue();
        assertThat(hadoop.exists(dir)).isFalse();
    }
}
