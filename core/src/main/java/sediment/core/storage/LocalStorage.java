package sediment.core.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Storage on a local disk, with paths written as Hadoop writes them ({@code file:/abs/path}) so
 * that paths recorded by Spark jobs and paths listed here compare equal.
 */
public final class LocalStorage implements Storage {

    public static String qualify(Path path) {
        return "file:" + path.toAbsolutePath().normalize();
    }

    /**
     * The local path of {@code file:/p}, {@code file:///p}, {@code file://localhost/p} or a plain
     * path. A {@code file://host/p} URI naming another host is refused rather than read as the
     * local path {@code /host/p}.
     */
    public static Path toPath(String path) {
        if (path.startsWith("file:")) {
            String rest = path.substring("file:".length());
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                    throw new IllegalArgumentException("'" + path + "' names a file on host '" + authority
                            + "', not on this machine; write file:/path or file:///path");
                }
                rest = slash < 0 ? "/" : rest.substring(slash);
            }
            return Paths.get(rest);
        }
        return Paths.get(path);
    }

    @Override
    public Optional<byte[]> readIfExists(String path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(toPath(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Path target = toPath(path);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes a temporary file in full, then hard-links it to the name: link(2) fails if the name exists. */
    @Override
    public boolean createIfAbsent(String path, byte[] content) throws IOException {
        Path target = toPath(path);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                writeDurably(temp, content);
            } catch (IOException e) {
                throw new NotCreatedException("cannot write " + temp + ": " + e.getMessage(), e);
            }
            sediment.core.run.HaltPoints.reach("local:create-temp-written:" + target.getParent().getFileName());
            try {
                Files.createLink(target, temp);
            } catch (NoSuchFileException e) {
                // link(2) made no link. The temporary file is gone: gc removes one older than the lease, which a
                // writer paused that long (SIGSTOP, a suspended VM) has outlived; gc has then revoked its run.
                throw new NotCreatedException("its temporary file " + temp.getFileName()
                        + " was removed before it could be linked (gc does so when its writer stops for longer than the lease)", e);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(toPath(path));
    }

    /**
     * Lists what is there at the time of each look: other writers create and rename temporary files
     * next to log entries and snapshots, so an entry that vanishes between the directory read and
     * its attributes is skipped rather than failing the reader.
     */
    @Override
    public List<FileInfo> list(String dir, boolean recursive) throws IOException {
        Path root = toPath(dir);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<FileInfo> out = new ArrayList<>();
        if (recursive) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory()) {
                        out.add(new FileInfo(qualify(file), attrs.size(), attrs.lastModifiedTime().toMillis(), false));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;
                }
                out.add(new FileInfo(qualify(p), attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.isDirectory()));
            }
        }
        return out;
    }

    @Override
    public boolean deleteEmptyDirectory(String dir) throws IOException {
        return EmptyDirectories.removeIfEmpty(toPath(dir));
    }

    @Override
    public boolean delete(String path) throws IOException {
        Path p = toPath(path);
        if (!Files.exists(p)) {
            return false;
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
            return true;
        }
        return Files.deleteIfExists(p);
    }

    @Override
    public boolean rename(String from, String to) throws IOException {
        Path source = toPath(from);
        Path target = toPath(to);
        if (!Files.exists(source) || Files.exists(target)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void mkdirs(String dir) throws IOException {
        Files.createDirectories(toPath(dir));
    }

    private static void writeDurably(Path path, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            out.write(content);
            out.flush();
            channel.force(true);
        }
    }
}
