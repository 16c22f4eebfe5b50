package sediment.core.instance;

import org.apache.hadoop.conf.Configuration;
import sediment.core.error.CommitConflictException;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.log.LogStorage;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;
import sediment.core.table.CreateTable;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Sediment instance: a directory or URI holding {@code instance.properties} and {@code tables/}.
 * The embedded default is {@code ./sediment-instance}; {@code --instance} or {@code SEDIMENT_INSTANCE}
 * name another, e.g. an {@code s3a://} or {@code hdfs://} location.
 */
public final class Instance {
    public static final String DEFAULT_LOCATION = "sediment-instance";
    public static final String ENV_VARIABLE = "SEDIMENT_INSTANCE";
    public static final String PROPERTIES_FILE = "instance.properties";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final String root;
    private final Storage storage;
    private final Map<String, String> properties;

    private Instance(String root, Storage storage, Map<String, String> properties) {
        this.root = root;
        this.storage = storage;
        this.properties = Map.copyOf(properties);
    }

    /** The location to use: the option if given, else {@code SEDIMENT_INSTANCE}, else the embedded default. */
    public static String location(String option) {
        return location(option, System.getenv());
    }

    /** As {@link #location(String)}, reading {@code SEDIMENT_INSTANCE} from the given environment. */
    public static String location(String option, Map<String, String> environment) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String env = environment.get(ENV_VARIABLE);
        return env != null && !env.isBlank() ? env : DEFAULT_LOCATION;
    }

    public static Instance open(String location) {
        return open(location, null);
    }

    /** Opens an instance; {@code hadoopConf} is used for non-local locations (null: {@link sediment.core.storage.HadoopConf#load()}). */
    public static Instance open(String location, Configuration hadoopConf) {
        String root = Storages.qualify(location);
        Storage storage = Storages.forPath(root, hadoopConf);
        Optional<byte[]> props = read(storage, Storage.join(root, PROPERTIES_FILE));
        if (props.isEmpty()) {
            throw new InvalidInputException("No Sediment instance at " + root + " (no " + PROPERTIES_FILE
                    + "): run 'sediment instance init' first, or name another with --instance or " + ENV_VARIABLE);
        }
        return new Instance(root, storage, parseProperties(Storage.join(root, PROPERTIES_FILE), props.get()));
    }

    /** Creates the instance if it does not exist yet; an existing one is opened unchanged. */
    public static Instance init(String location, Configuration hadoopConf) {
        String root = Storages.qualify(location);
        Storage storage = Storages.forPath(root, hadoopConf);
        String propsPath = Storage.join(root, PROPERTIES_FILE);
        try {
            if (!storage.exists(propsPath)) {
                storage.mkdirs(Storage.join(root, "tables"));
                storage.write(propsPath, """
                        # Sediment instance properties. Table settings named sleeper.default.* here are defaults that a
                        # table's own table.properties (sleeper.table.*) and a job's platformSpec override.
                        # Every property is described in docs/properties.md.
                        sleeper.id=sediment
                        """.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new SedimentException("Cannot create instance at " + root + ": " + e.getMessage(), e);
        }
        return open(location, hadoopConf);
    }

    static Optional<byte[]> read(Storage storage, String path) {
        try {
            return storage.readIfExists(path);
        } catch (IOException e) {
            throw new SedimentException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> parseProperties(String source, byte[] content) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("Cannot read " + source + ": " + e.getMessage());
        }
        Map<String, String> map = new TreeMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v.toString().trim()));
        return map;
    }

    /** The qualified root path, e.g. {@code file:/home/me/sediment-instance} or {@code s3a://bucket/instance}. */
    public String root() {
        return root;
    }

    public Storage storage() {
        return storage;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public String path(String relative) {
        return Storage.join(root, relative);
    }

    public String tablePath(String name) {
        return Storage.join(path("tables"), name);
    }

    public boolean tableExists(String name) {
        try {
            return TABLE_NAME.matcher(name).matches()
                    && storage.exists(Storage.join(tablePath(name), "log/" + LogStorage.entryName(1)));
        } catch (IOException e) {
            throw new SedimentException("Cannot read table " + name + ": " + e.getMessage(), e);
        }
    }

    public List<String> tableNames() {
        try {
            List<String> names = new ArrayList<>();
            for (Storage.FileInfo f : storage.list(path("tables"), false)) {
                String name = Storage.name(f.path());
                if (f.directory() && tableExists(name)) {
                    names.add(name);
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new SedimentException("Cannot list tables in " + root + ": " + e.getMessage(), e);
        }
    }

    public Table table(String name) {
        if (!tableExists(name)) {
            List<String> known = tableNames();
            throw new InvalidInputException("Table '" + name + "' does not exist in instance " + root
                    + (known.isEmpty() ? " (it has no tables)" : " (tables: " + String.join(", ", known) + ")"));
        }
        return new Table(this, name);
    }

    public Table createTable(String name, Schema schema, List<Object> splitPoints, Map<String, String> tableProperties) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new InvalidInputException("Invalid table name '" + name
                    + "': use letters, digits, '_', '.' and '-', starting with a letter or digit, at most 128 characters");
        }
        if (tableExists(name)) {
            throw new InvalidInputException("Cannot create table '" + name + "': it already exists in instance " + root);
        }
        PartitionTree tree = splitPoints.isEmpty() ? PartitionTree.singleLeaf(schema.rowKeyTypes())
                : PartitionTree.fromSplitPoints(schema.rowKeyTypes(), splitPoints);
        // The log's settings are read when the table is first used; check them before anything is written.
        PropertyLayers settings = new PropertyLayers(properties, tableProperties, Map.of());
        settings.getInt(SedimentProperties.SNAPSHOT_INTERVAL);
        if (settings.getInt(SedimentProperties.COMMIT_ATTEMPTS) < 1) {
            throw new InvalidInputException("Property " + SedimentProperties.COMMIT_ATTEMPTS.name() + " must be at least 1, not "
                    + settings.get(SedimentProperties.COMMIT_ATTEMPTS));
        }
        if (!tableProperties.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            tableProperties.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            try {
                storage.write(Storage.join(tablePath(name), Table.PROPERTIES_FILE), sb.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SedimentException("Cannot write properties of table " + name + ": " + e.getMessage(), e);
            }
        }
        Table table = new Table(this, name);
        try {
            table.log().commit(new CreateTable(schema, tree));
        } catch (CommitConflictException e) {
            throw new InvalidInputException("Cannot create table '" + name + "': it already exists in instance " + root);
        }
        return table;
    }

    /** Names that look like properties but are not declared; reported so typos do not pass silently. */
    public static List<String> unknownProperties(Map<String, String> props) {
        return props.keySet().stream()
                .filter(k -> SedimentProperties.ALL.stream().noneMatch(p -> k.equals(p.name()) || k.equals(p.instanceName())))
                .sorted().toList();
    }

    @Override
    public String toString() {
        return root;
    }
}
