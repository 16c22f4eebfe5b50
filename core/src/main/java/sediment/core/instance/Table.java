package sediment.core.instance;

import sediment.core.log.FileLogStorage;
import sediment.core.log.TransactionLog;
import sediment.core.storage.Storage;
import sediment.core.table.TableState;

import java.util.Map;

/** One table of an instance: its directory, properties and transaction log. */
public final class Table {
    public static final String PROPERTIES_FILE = "table.properties";

    private final Instance instance;
    private final String name;
    private final Map<String, String> properties;
    private TransactionLog log;

    Table(Instance instance, String name) {
        this.instance = instance;
        this.name = name;
        String propertiesPath = Storage.join(instance.tablePath(name), PROPERTIES_FILE);
        this.properties = Instance.read(instance.storage(), propertiesPath)
                .map(bytes -> Instance.parseProperties(propertiesPath, bytes)).orElse(Map.of());
    }

    public String name() {
        return name;
    }

    public Instance instance() {
        return instance;
    }

    /** The table's directory, qualified. */
    public String path() {
        return instance.tablePath(name);
    }

    /** Where data files go: each run's in a directory of its own below this ({@link #runDataPath}). */
    public String dataPath() {
        return Storage.join(path(), "data");
    }

    /**
     * The directory one run writes all its data files to, whatever their leaves: {@code data/<jobId>.<runId>/}.
     * One directory per run rather than per leaf, so a write creates one directory however many leaves it
     * writes, and a run's clean-up lists one directory, which holds no other run's files.
     */
    public String runDataPath(String jobId, String runId) {
        return Storage.join(dataPath(), sediment.core.table.DataFileName.directoryName(jobId, runId));
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** Settings for this table, optionally overridden by a job's own values. */
    public PropertyLayers settings(Map<String, String> job) {
        return new PropertyLayers(instance.properties(), properties, job);
    }

    public synchronized TransactionLog log() {
        if (log == null) {
            PropertyLayers settings = settings(Map.of());
            int attempts = settings.getInt(SedimentProperties.COMMIT_ATTEMPTS);
            if (attempts < 1) {
                throw new sediment.core.error.InvalidInputException("Property " + SedimentProperties.COMMIT_ATTEMPTS.name()
                        + " must be at least 1, not " + attempts);
            }
            log = new TransactionLog(name, new FileLogStorage(instance.storage(), path()),
                    settings.getInt(SedimentProperties.SNAPSHOT_INTERVAL), attempts);
        }
        return log;
    }

    public TableState state() {
        return log().readState();
    }
}
