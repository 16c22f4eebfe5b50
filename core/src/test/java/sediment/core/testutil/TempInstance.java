package sediment.core.testutil;

import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.log.TransactionLog;
import sediment.core.storage.LocalStorage;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Sediment instance in a temporary directory, with helpers to create tables from schema JSON and
 * split points and to add stand-in data files. Use with JUnit's {@code @TempDir}:
 *
 * <pre>{@code
 * @TempDir Path tmp;
 * TempInstance instance = TempInstance.create(tmp);
 * Table table = instance.createTable("t", TestSchemas.LONG_KEY, 10L, 20L);
 * }</pre>
 */
public final class TempInstance {
    private final Path dir;
    private final Instance instance;

    private TempInstance(Path dir, Instance instance) {
        this.dir = dir;
        this.instance = instance;
    }

    /** Initialises an instance in {@code parent/instance}; other files the test writes go next to it. */
    public static TempInstance create(Path parent) {
        Path dir = parent.resolve("instance");
        return new TempInstance(dir, Instance.init(dir.toString(), null));
    }

    /** The instance directory (holding instance.properties and tables/). */
    public Path dir() {
        return dir;
    }

    /** The qualified root, e.g. {@code file:/tmp/junit123/instance}, as --instance accepts it. */
    public String root() {
        return instance.root();
    }

    public Instance instance() {
        return instance;
    }

    /** A fresh view of the instance, as another command or process would open it. */
    public Instance reopen() {
        return Instance.open(root());
    }

    public Table createTable(String name, String schemaJson, Object... splitPoints) {
        return createTable(name, schemaJson, Arrays.asList(splitPoints), Map.of());
    }

    public Table createTable(String name, String schemaJson, List<Object> splitPoints, Map<String, String> properties) {
        return instance.createTable(name, TestSchemas.parse(schemaJson), splitPoints, properties);
    }

    public Path tableDir(String table) {
        return dir.resolve("tables").resolve(table);
    }

    public Path logDir(String table) {
        return tableDir(table).resolve("log");
    }

    /** Writes a text file next to the instance (a schema or split points file) and returns its path. */
    public Path writeFile(String fileName, String content) {
        Path path = dir.getParent().resolve(fileName);
        try {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /**
     * Writes a stand-in data file (not real Parquet) under {@code data/partition_<id>/} of the table
     * and returns a reference to it with a qualified path, as a job would commit it.
     */
    public FileReference writeDataFile(Table table, String partitionId, long rows) {
        Path path = tableDir(table.name()).resolve("data").resolve("partition_" + partitionId)
                .resolve(UUID.randomUUID() + ".parquet");
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, "stand-in data file, rows=" + rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileReference(LocalStorage.qualify(path), partitionId, rows, null, null);
    }

    public TransactionLog.CommitResult addFiles(Table table, String jobId, FileReference... files) {
        return table.log().commit(new AddFiles(jobId, List.of(files)));
    }
}
