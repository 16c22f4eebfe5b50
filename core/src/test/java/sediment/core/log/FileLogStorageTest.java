package sediment.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.SedimentException;
import sediment.core.storage.LocalStorage;
import sediment.core.storage.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileLogStorageTest {
    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepEntriesAndSnapshotsAsZeroPaddedFiles() throws Exception {
        FileLogStorage log = new FileLogStorage(new LocalStorage(), LocalStorage.qualify(tmp));

        assertThat(log.createEntry(1, bytes("one"))).isTrue();
        assertThat(log.createEntry(1, bytes("again"))).isFalse();
        log.writeSnapshot(1, bytes("snap"));

        assertThat(tmp.resolve("log/00000000000000000001.json")).hasContent("one");
        assertThat(tmp.resolve("snapshots/00000000000000000001.json")).hasContent("snap");
        assertThat(log.readEntry(1)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("one")));
        assertThat(log.readEntry(2)).isEmpty();
        assertThat(log.entryLocation(12)).isEqualTo(LocalStorage.qualify(tmp) + "/log/00000000000000000012.json");
    }

    @Test
    void shouldFindTheLatestSnapshotIgnoringOtherFiles() throws Exception {
        FileLogStorage log = new FileLogStorage(new LocalStorage(), LocalStorage.qualify(tmp));
        assertThat(log.latestSnapshotVersion()).isEmpty();

        log.writeSnapshot(100, bytes("a"));
        log.writeSnapshot(20, bytes("b"));
        Files.writeString(tmp.resolve("snapshots/.00000000000000000300.json.1234.tmp"), "partial");
        Files.writeString(tmp.resolve("snapshots/notes.txt"), "x");
        Files.writeString(tmp.resolve("snapshots/0000000000000000000x.json"), "x");

        assertThat(log.latestSnapshotVersion()).hasValue(100);
        assertThat(log.readSnapshot(20)).isEqualTo(bytes("b"));
        assertThatThrownBy(() -> log.readSnapshot(7)).isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void shouldParseOnlyEntryNames() {
        assertThat(LogStorage.entryName(42)).isEqualTo("00000000000000000042.json");
        assertThat(LogStorage.parseEntryName("00000000000000000042.json")).hasValue(42);
        assertThat(LogStorage.parseEntryName("42.json")).isEmpty();
        assertThat(LogStorage.parseEntryName("0000000000000000004x.json")).isEmpty();
        assertThat(LogStorage.parseEntryName(".00000000000000000042.json.tmp")).isEmpty();
    }

    @Test
    void shouldRefuseToCreateEntriesWhereStorageCannotCreateAtomically() {
        FileLogStorage log = new FileLogStorage(new NonAtomicStorage(), "s3a://bucket/instance/tables/t");

        assertThatThrownBy(() -> log.createEntry(1, bytes("x"))).isInstanceOf(SedimentException.class)
                .hasMessageStartingWith("Cannot commit to the table log at s3a://bucket/instance/tables/t/log: no atomic create here,"
                        + " so two writers could overwrite each other's commits.");
    }

    /** A storage that, like an object store without conditional writes, cannot create only-if-absent. */
    private static final class NonAtomicStorage implements Storage {
        @Override
        public Optional<byte[]> readIfExists(String path) {
            return Optional.empty();
        }

        @Override
        public void write(String path, byte[] content) {
            throw new AssertionError("nothing may be written");
        }

        @Override
        public boolean createIfAbsent(String path, byte[] content) {
            throw new UnsupportedOperationException("no atomic create here");
        }

        @Override
        public boolean exists(String path) {
            return false;
        }

        @Override
        public List<FileInfo> list(String dir, boolean recursive) {
            return List.of();
        }

        @Override
        public boolean delete(String path) {
            throw new AssertionError("nothing may be deleted");
        }

        @Override
        public boolean rename(String from, String to) {
            throw new AssertionError("nothing may be renamed");
        }

        @Override
        public void mkdirs(String dir) {
            throw new AssertionError("nothing may be created");
        }
    }
}
