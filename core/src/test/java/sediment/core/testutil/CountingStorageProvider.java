package sediment.core.testutil;

import org.apache.hadoop.conf.Configuration;
import sediment.core.storage.LocalStorage;
import sediment.core.storage.Storage;
import sediment.core.storage.StorageProvider;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sediment's own storage (instance and table properties, the transaction log, job status, run registry) for
 * {@link CountingFileSystem}'s {@code counted:} paths: the local disk, with every call recorded as
 * {@code storage.<operation>}. Registered for tests through {@code META-INF/services}.
 */
public final class CountingStorageProvider implements StorageProvider {
    private static final ConcurrentLinkedQueue<CountingFileSystem.Call> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public boolean supports(String scheme) {
        return scheme.equals(CountingFileSystem.SCHEME);
    }

    @Override
    public Storage open(String qualifiedPath, Configuration hadoopConf) {
        return new Counted();
    }

    public static void reset() {
        CALLS.clear();
    }

    public static List<CountingFileSystem.Call> calls() {
        return List.copyOf(CALLS);
    }

    private static String local(String path) {
        if (!path.startsWith(CountingFileSystem.SCHEME + ":")) {
            throw new IllegalArgumentException("not a " + CountingFileSystem.SCHEME + ": path: " + path);
        }
        String rest = path.substring(CountingFileSystem.SCHEME.length() + 1);
        while (rest.startsWith("//")) {
            rest = rest.substring(1);
        }
        return "file:" + rest;
    }

    private static String counted(String localPath) {
        return CountingFileSystem.SCHEME + ":" + LocalStorage.toPath(localPath);
    }

    private static void record(String op, String path) {
        CALLS.add(new CountingFileSystem.Call("storage." + op, local(path).substring("file:".length()), false));
    }

    private static final class Counted implements Storage {
        private final LocalStorage local = new LocalStorage();

        @Override
        public Optional<byte[]> readIfExists(String path) throws IOException {
            record("read", path);
            return local.readIfExists(local(path));
        }

        @Override
        public void write(String path, byte[] content) throws IOException {
            record("write", path);
            local.write(local(path), content);
        }

        @Override
        public boolean createIfAbsent(String path, byte[] content) throws IOException {
            record("createIfAbsent", path);
            return local.createIfAbsent(local(path), content);
        }

        @Override
        public boolean exists(String path) throws IOException {
            record("exists", path);
            return local.exists(local(path));
        }

        @Override
        public List<FileInfo> list(String dir, boolean recursive) throws IOException {
            record(recursive ? "listRecursive" : "list", dir);
            return local.list(local(dir), recursive).stream()
                    .map(f -> new FileInfo(counted(f.path()), f.size(), f.modificationTime(), f.directory())).toList();
        }

        @Override
        public boolean deleteEmptyDirectory(String dir) throws IOException {
            record("deleteEmptyDirectory", dir);
            return local.deleteEmptyDirectory(local(dir));
        }

        @Override
        public boolean delete(String path) throws IOException {
            record("delete", path);
            return local.delete(local(path));
        }

        @Override
        public boolean rename(String from, String to) throws IOException {
            record("rename", from);
            return local.rename(local(from), local(to));
        }

        @Override
        public void mkdirs(String dir) throws IOException {
            record("mkdirs", dir);
            local.mkdirs(local(dir));
        }
    }
}
