package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Storage through a Hadoop FileSystem (hdfs://, s3a://, ...). Atomic create is built from write
 * then rename, which is only atomic where rename fails when the target exists: HDFS, not object
 * stores, whose rename is a copy. There {@link #createIfAbsent} refuses.
 */
public final class HadoopStorage implements Storage {
    private static final Set<String> ATOMIC_RENAME_SCHEMES = Set.of("hdfs", "viewfs");

    private final FileSystem fs;

    public HadoopStorage(URI uri, Configuration conf) throws IOException {
        this.fs = FileSystem.get(uri, conf);
    }

    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public Optional<byte[]> readIfExists(String path) throws IOException {
        try (var in = fs.open(new Path(path))) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        try (FSDataOutputStream out = fs.create(new Path(path), true)) {
            out.write(content);
        }
    }

    @Override
    public boolean createIfAbsent(String path, byte[] content) throws IOException {
        if (!ATOMIC_RENAME_SCHEMES.contains(fs.getScheme())) {
            throw new UnsupportedOperationException("the " + fs.getScheme() + " file system cannot create a file atomically");
        }
        Path target = new Path(path);
        Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(temp, false)) {
                out.write(content);
                out.hsync();
            }
            return fs.rename(temp, target);
        } finally {
            fs.delete(temp, false);
        }
    }

    @Override
    public boolean exists(String path) throws IOException {
        return fs.exists(new Path(path));
    }

    @Override
    public List<FileInfo> list(String dir, boolean recursive) throws IOException {
        Path root = new Path(dir);
        if (!fs.exists(root)) {
            return List.of();
        }
        List<FileInfo> out = new ArrayList<>();
        if (recursive) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                out.add(info(it.next()));
            }
        } else {
            for (FileStatus s : fs.listStatus(root)) {
                out.add(info(s));
            }
        }
        return out;
    }

    private FileInfo info(FileStatus s) {
        return new FileInfo(fs.makeQualified(s.getPath()).toString(), s.getLen(), s.getModificationTime(), s.isDirectory());
    }

    @Override
    public boolean delete(String path) throws IOException {
        return fs.delete(new Path(path), true);
    }

    @Override
    public boolean deleteEmptyDirectory(String dir) throws IOException {
        return EmptyDirectories.removeIfEmpty(fs, new Path(dir));
    }

    @Override
    public boolean rename(String from, String to) throws IOException {
        Path target = new Path(to);
        if (fs.exists(target)) {
            return false;
        }
        fs.mkdirs(target.getParent());
        return fs.rename(new Path(from), target);
    }

    @Override
    public void mkdirs(String dir) throws IOException {
        fs.mkdirs(new Path(dir));
    }
}
