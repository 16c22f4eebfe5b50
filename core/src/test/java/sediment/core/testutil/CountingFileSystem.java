package sediment.core.testutil;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The local disk as a Hadoop file system of its own scheme, {@value #SCHEME}{@code :/path}, that records every
 * call a caller makes: what each would cost on an object store, where a call is a request or more. A call the
 * file system makes to itself (a local {@code listStatus} asks for each child's status) counts once, as the
 * caller's call. Register it with {@link #register}; paths are {@code counted:/absolute/path}. Which thread
 * made a call is kept, so a test can tell the driver's calls from those of Spark's tasks.
 */
public final class CountingFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "counted";

    /** One call: the operation, the path it names, and whether a Spark task made it. */
    public record Call(String op, String path, boolean task) {
    }

    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** Serves {@code counted:} paths through this class in {@code conf}. */
    public static Configuration register(Configuration conf) {
        conf.set("fs." + SCHEME + ".impl", CountingFileSystem.class.getName());
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", false);
        return conf;
    }

    /** A local path as this file system's path string. */
    public static String path(java.nio.file.Path local) {
        return SCHEME + ":" + local.toAbsolutePath().normalize();
    }

    public static void reset() {
        CALLS.clear();
    }

    public static List<Call> calls() {
        return new ArrayList<>(CALLS);
    }

    /** Calls by operation, of the calls that match. */
    public static Map<String, Long> counts(Predicate<Call> which) {
        Map<String, Long> out = new TreeMap<>();
        for (Call c : CALLS) {
            if (which.test(c)) {
                out.merge(c.op(), 1L, Long::sum);
            }
        }
        return out;
    }

    public static long count(String op, Predicate<Call> which) {
        return CALLS.stream().filter(c -> c.op().equals(op) && which.test(c)).count();
    }

    public static Predicate<Call> driver() {
        return c -> !c.task();
    }

    public static Predicate<Call> under(String pathPrefix) {
        return c -> c.path().startsWith(pathPrefix);
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @FunctionalInterface
    private interface Op<T> {
        T run() throws IOException;
    }

    private static <T> T counted(String op, Path path, Op<T> body) throws IOException {
        int[] depth = DEPTH.get();
        if (depth[0] == 0) {
            String thread = Thread.currentThread().getName();
            CALLS.add(new Call(op, path == null ? "" : path.toUri().getPath(), thread.startsWith("Executor task launch worker")));
        }
        depth[0]++;
        try {
            return body.run();
        } finally {
            depth[0]--;
        }
    }

    /**
     * The local file system's statuses read their owner and permissions lazily from a {@code file:} URI, which
     * these paths are not; as on an object store, a status here has none.
     */
    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(), s.getModificationTime(), s.getPath());
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return counted("listStatus", f, () -> {
            FileStatus[] all = super.listStatus(f);
            FileStatus[] out = new FileStatus[all.length];
            for (int i = 0; i < all.length; i++) {
                out[i] = plain(all[i]);
            }
            return out;
        });
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return counted("getFileStatus", f, () -> plain(super.getFileStatus(f)));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        return counted("getFileStatus", f, () -> plain(super.getFileLinkStatus(f)));
    }

    @Override
    public boolean exists(Path f) throws IOException {
        // A status request on an object store; counted as one, so no caller hides one behind exists().
        return counted("getFileStatus", f, () -> super.exists(f));
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return counted("open", f, () -> super.open(f, bufferSize));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return counted("create", f, () -> super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        return counted("create", f, () -> super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, java.util.EnumSet<org.apache.hadoop.fs.CreateFlag> flags,
                                                 int bufferSize, short replication, long blockSize, Progressable progress)
            throws IOException {
        return counted("create", f, () -> super.createNonRecursive(f, permission, flags, bufferSize, replication, blockSize, progress));
    }

    @Override
    public boolean delete(Path p, boolean recursive) throws IOException {
        return counted("delete", p, () -> super.delete(p, recursive));
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return counted("rename", src, () -> super.rename(src, dst));
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        return counted("mkdirs", f, () -> super.mkdirs(f, permission));
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
        return counted("mkdirs", f, () -> super.mkdirs(f));
    }

    /** Not a request on S3A or the local disk (both make the locations up from the status), but counted to show who asks. */
    @Override
    public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) throws IOException {
        return counted("getFileBlockLocations", file == null ? null : file.getPath(),
                () -> super.getFileBlockLocations(file, start, len));
    }
}
