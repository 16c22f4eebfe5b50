package sediment.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStorageTest {
    @TempDir
    Path tmp;
    private final LocalStorage storage = new LocalStorage();

    private String path(String relative) {
        return LocalStorage.qualify(tmp.resolve(relative));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldLetExactlyOneOfManyRacingWritersCreateAFile() throws Exception {
        int writers = 8;
        for (int round = 0; round < 20; round++) {
            String target = path("log/" + round + ".json");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                byte[] content = bytes("writer " + w);
                results.add(pool.submit(() -> {
                    start.await();
                    return storage.createIfAbsent(target, content);
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                if (results.get(w).get()) {
                    winners.add(w);
                }
            }
            pool.shutdown();
            assertThat(winners).hasSize(1);
            assertThat(storage.readIfExists(target).orElseThrow()).isEqualTo(bytes("writer " + winners.get(0)));
        }
        try (Stream<Path> files = Files.list(tmp.resolve("log"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left").allMatch(n -> !n.startsWith("."));
        }
    }

    @Test
    void shouldListADirectoryWhileOtherWritersCreateAndRenameTemporaryFilesInIt() throws Exception {
        // Writers of snapshots and log entries create ".name.uuid.tmp" files and move them away; a reader
        // listing the directory meanwhile used to fail with NoSuchFileException.
        String dir = path("snapshots");
        storage.mkdirs(dir);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                try {
                    storage.write(dir + "/" + (i++ % 5) + ".json", bytes("snapshot " + i));
                    storage.createIfAbsent(dir + "/entry-" + i + ".json", bytes("x"));
                    storage.delete(dir + "/entry-" + i + ".json");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 3000; i++) {
                storage.list(dir, i % 2 == 0);
                storage.list(path(""), true);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void shouldNotReplaceAnExistingFileWhenCreatingIfAbsent() throws Exception {
        String target = path("a/b.json");
        assertThat(storage.createIfAbsent(target, bytes("first"))).isTrue();
        assertThat(storage.createIfAbsent(target, bytes("second"))).isFalse();
        assertThat(storage.readIfExists(target)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("first")));
    }

    @Test
    void shouldWriteReadAndReplaceFiles() throws Exception {
        String target = path("x/y/z.properties");
        assertThat(storage.readIfExists(target)).isEmpty();
        assertThat(storage.exists(target)).isFalse();

        storage.write(target, bytes("one"));
        storage.write(target, bytes("two"));

        assertThat(storage.readIfExists(target)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("two")));
        assertThat(storage.exists(target)).isTrue();
        try (Stream<Path> files = Files.list(tmp.resolve("x/y"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void shouldListWithQualifiedPaths() throws Exception {
        storage.write(path("d/a.txt"), bytes("a"));
        storage.write(path("d/sub/b.txt"), bytes("bb"));

        assertThat(storage.list(path("d"), false)).extracting(Storage.FileInfo::path, Storage.FileInfo::directory)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(path("d/a.txt"), false),
                        org.assertj.core.groups.Tuple.tuple(path("d/sub"), true));
        assertThat(storage.list(path("d"), true)).extracting(Storage.FileInfo::path, Storage.FileInfo::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(path("d/a.txt"), 1L),
                        org.assertj.core.groups.Tuple.tuple(path("d/sub/b.txt"), 2L));
        assertThat(storage.list(path("missing"), true)).isEmpty();
        assertThat(path("d/a.txt")).startsWith("file:/").doesNotStartWith("file://");
    }

    @Test
    void shouldDeleteFilesAndDirectoryTrees() throws Exception {
        storage.write(path("d/a.txt"), bytes("a"));
        storage.write(path("d/sub/b.txt"), bytes("b"));

        assertThat(storage.delete(path("d/a.txt"))).isTrue();
        assertThat(storage.delete(path("d"))).isTrue();
        assertThat(storage.delete(path("d"))).isFalse();
        assertThat(Files.exists(tmp.resolve("d"))).isFalse();
    }

    @Test
    void shouldRenameOnlyOntoAFreeName() throws Exception {
        storage.write(path("a"), bytes("a"));
        storage.write(path("b"), bytes("b"));

        assertThat(storage.rename(path("a"), path("b"))).isFalse();
        assertThat(storage.rename(path("missing"), path("c"))).isFalse();
        assertThat(storage.rename(path("a"), path("new/dir/c"))).isTrue();
        assertThat(storage.readIfExists(path("new/dir/c"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a")));
    }

    @Test
    void shouldAcceptEverySpellingOfALocalFileUri() {
        Path expected = Path.of("/tmp/x");
        assertThat(LocalStorage.toPath("file:/tmp/x")).isEqualTo(expected);
        assertThat(LocalStorage.toPath("file:///tmp/x")).isEqualTo(expected);
        assertThat(LocalStorage.toPath("file://localhost/tmp/x")).isEqualTo(expected);
        assertThat(LocalStorage.toPath("file:////tmp/x")).isEqualTo(expected);
        assertThat(LocalStorage.toPath("/tmp/x")).isEqualTo(expected);
        assertThat(LocalStorage.toPath("file://")).isEqualTo(Path.of("/"));
    }

    @Test
    void shouldRefuseAFileUriOnAnotherHost() {
        assertThatThrownBy(() -> LocalStorage.toPath("file://server/share/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'file://server/share/x' names a file on host 'server', not on this machine; write file:/path or file:///path");
    }
}
