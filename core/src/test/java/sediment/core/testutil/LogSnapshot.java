package sediment.core.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every file and directory below a directory, with the files' bytes, for "nothing changed"
 * assertions: capture before a failing operation, then {@link #assertUnchanged()} after it.
 *
 * <pre>{@code
 * LogSnapshot before = LogSnapshot.of(instanceDir);
 * assertThatThrownBy(() -> ...);
 * before.assertUnchanged();
 * }</pre>
 */
public final class LogSnapshot {
    private final Path root;
    /** Relative path to content; directories map to null. */
    private final Map<String, byte[]> entries;

    private LogSnapshot(Path root, Map<String, byte[]> entries) {
        this.root = root;
        this.entries = entries;
    }

    /** Captures everything below {@code root}; a missing directory captures as empty. */
    public static LogSnapshot of(Path root) {
        Map<String, byte[]> entries = new TreeMap<>();
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (p.equals(root)) {
                        continue;
                    }
                    String relative = root.relativize(p).toString();
                    entries.put(relative, Files.isDirectory(p) ? null : Files.readAllBytes(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LogSnapshot(root, entries);
    }

    /** Relative paths of the files (not directories), sorted. */
    public List<String> files() {
        return entries.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }

    public byte[] content(String relativePath) {
        return entries.get(relativePath);
    }

    /** What differs between this capture and {@code later}, one line each; empty when identical. */
    public List<String> differences(LogSnapshot later) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(entries.keySet());
        names.addAll(later.entries.keySet());
        for (String name : names) {
            boolean before = entries.containsKey(name);
            boolean after = later.entries.containsKey(name);
            if (!after) {
                out.add("removed " + name);
            } else if (!before) {
                out.add("added " + name + describe(later.entries.get(name)));
            } else if (!Arrays.equals(entries.get(name), later.entries.get(name))) {
                out.add("changed " + name + describe(entries.get(name)) + " ->" + describe(later.entries.get(name)));
            }
        }
        return out;
    }

    /** Captures the directory again and fails, listing every difference, if anything changed. */
    public void assertUnchanged() {
        List<String> differences = differences(of(root));
        if (!differences.isEmpty()) {
            throw new AssertionError("Expected " + root + " to be unchanged, but:\n  " + String.join("\n  ", differences));
        }
    }

    private static String describe(byte[] content) {
        if (content == null) {
            return " (directory)";
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return " (" + content.length + " bytes, sha256 " + HexFormat.of().formatHex(hash, 0, 6) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogSnapshot other && differences(other).isEmpty();
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries.keySet());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LogSnapshot of ").append(root).append(':');
        entries.forEach((name, content) -> sb.append("\n  ").append(name).append(describe(content)));
        return sb.toString();
    }
}
