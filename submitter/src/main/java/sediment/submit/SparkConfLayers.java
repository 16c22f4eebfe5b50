package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyDefinition;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Spark configuration a job runs with, lowest layer first: {@code conf/spark-defaults.conf}; on
 * EKS the seed's pod sizes; on EMR Serverless the instance's driver and executor sizes; the instance's and table's Spark settings ({@code
 * sleeper.default.bulk.import.spark.*} &lt; {@code sleeper.table.bulk.import.spark.*} &lt; the job's
 * platformSpec); the job's {@code sparkConf}.
 */
public final class SparkConfLayers {
    private SparkConfLayers() {
    }

    /** The Spark settings that instance and table properties set, and the Spark key each sets. */
    static final Map<PropertyDefinition, String> SPARK_PROPERTIES = orderedMap(
            SedimentProperties.SPARK_SPECULATION, "spark.speculation",
            SedimentProperties.SPARK_SPECULATION_QUANTILE, "spark.speculation.quantile",
            SedimentProperties.SPARK_MAP_STATUS_CODEC, "spark.shuffle.mapStatus.compression.codec");

    /** The seed's defaults for EKS: 3 executors; 7g memory + 1g overhead and 1 core for the driver and each executor. */
    public static final Map<String, String> EKS_DEFAULTS = orderedStrings(
            "spark.executor.instances", "3",
            "spark.driver.memory", "7g",
            "spark.driver.memoryOverhead", "1g",
            "spark.executor.memory", "7g",
            "spark.executor.memoryOverhead", "1g",
            "spark.driver.cores", "1",
            "spark.executor.cores", "1");

    /**
     * EMR Serverless sizes each worker from the Spark settings of the job run, so the instance's
     * sleeper.bulk.import.emr.serverless.* sizes become those settings (a job's sparkConf still wins).
     */
    static Map<String, String> emrServerlessSizes(PropertyLayers settings) {
        return orderedStrings(
                "spark.executor.cores", settings.get(SedimentProperties.EMR_SERVERLESS_EXECUTOR_CORES),
                "spark.executor.memory", settings.get(SedimentProperties.EMR_SERVERLESS_EXECUTOR_MEMORY),
                "spark.driver.cores", settings.get(SedimentProperties.EMR_SERVERLESS_DRIVER_CORES),
                "spark.driver.memory", settings.get(SedimentProperties.EMR_SERVERLESS_DRIVER_MEMORY),
                "spark.dynamicAllocation.initialExecutors", settings.get(SedimentProperties.EMR_SERVERLESS_EXECUTOR_INITIAL_INSTANCES),
                "spark.dynamicAllocation.maxExecutors", settings.get(SedimentProperties.EMR_SERVERLESS_EXECUTOR_MAX_INSTANCES));
    }

    public static Map<String, String> resolve(Map<String, String> sparkDefaultsFile, Platform platform, PropertyLayers settings,
                                              Map<String, String> jobSparkConf) {
        Map<String, String> conf = new TreeMap<>(sparkDefaultsFile);
        if (platform == Platform.EKS) {
            conf.putAll(EKS_DEFAULTS);
        }
        if (platform == Platform.EMR_SERVERLESS) {
            conf.putAll(emrServerlessSizes(settings));
        }
        SPARK_PROPERTIES.forEach((property, sparkKey) -> settings.find(property).ifPresent(v -> conf.put(sparkKey, v)));
        conf.putAll(jobSparkConf);
        return conf;
    }

    /**
     * Reads a file in spark-defaults.conf form with {@link Properties}, as spark-submit reads it ("key value" or key=value,
     * # comments, backslash continuations), values trimmed as Spark trims them; so a file means here what it means to Spark.
     */
    public static Map<String, String> readDefaultsFile(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("Spark defaults file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("Cannot read Spark defaults file " + file + ": " + e.getMessage());
        }
        Map<String, String> conf = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("spark.")) {
                // spark-submit would only warn; a typo in the file every job starts from deserves a stop.
                throw new InvalidInputException(file + ": '" + key + "' is not a Spark setting (expected 'spark.<key> <value>' lines)");
            }
            conf.put(key, properties.getProperty(key).strip());
        }
        return conf;
    }

    /**
     * The defaults file every platform starts from: the given one, else conf/spark-defaults.conf of
     * the Sediment home ($SEDIMENT_HOME, set by the launcher), else none.
     */
    public static Map<String, String> defaults(Path option) {
        if (option != null) {
            return readDefaultsFile(option);
        }
        String home = System.getenv("SEDIMENT_HOME");
        if (home != null && !home.isBlank()) {
            Path file = Path.of(home, "conf", "spark-defaults.conf");
            if (Files.isRegularFile(file)) {
                return readDefaultsFile(file);
            }
        }
        return Map.of();
    }

    private static Map<PropertyDefinition, String> orderedMap(Object... pairs) {
        Map<PropertyDefinition, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((PropertyDefinition) pairs[i], (String) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<String, String> orderedStrings(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
