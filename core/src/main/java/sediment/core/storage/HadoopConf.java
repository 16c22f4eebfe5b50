package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import sediment.core.error.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Hadoop configuration of the command line and of in-process Spark, read the Hadoop way, lowest first:
 * Hadoop's defaults, {@code core-site.xml} on the class path, {@code $HADOOP_CONF_DIR/core-site.xml}, then
 * {@code spark.hadoop.*} JVM system properties with the prefix removed (as Spark itself reads them, so
 * {@code SEDIMENT_JAVA_OPTS=-Dspark.hadoop.fs.s3a.endpoint=...} reaches both). S3A and Sediment's S3 client
 * ({@code sediment-aws-storage}) both read their {@code fs.s3a.*} settings from it.
 */
public final class HadoopConf {
    public static final String CONF_DIR_VARIABLE = "HADOOP_CONF_DIR";
    private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

    private HadoopConf() {
    }

    public static Configuration load() {
        return load(System.getenv(), System.getProperties());
    }

    /** As {@link #load()}, with the given environment and system properties. */
    public static Configuration load(Map<String, String> env, Properties systemProperties) {
        Configuration conf = new Configuration();
        addConfDir(conf, env);
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(SPARK_HADOOP_PREFIX) && name.length() > SPARK_HADOOP_PREFIX.length()) {
                conf.set(name.substring(SPARK_HADOOP_PREFIX.length()), systemProperties.getProperty(name), "system property " + name);
            }
        }
        return conf;
    }

    /**
     * Adds {@code $HADOOP_CONF_DIR/core-site.xml} to a configuration, under the values already set on it (a Spark
     * session's {@code spark.hadoop.*} stay on top). The launcher also puts the directory on the class path, as
     * Hadoop's and Spark's scripts do; reading the file here makes the setting work without the launcher too.
     */
    public static void addConfDir(Configuration conf) {
        addConfDir(conf, System.getenv());
    }

    static void addConfDir(Configuration conf, Map<String, String> env) {
        confDirCoreSite(env).ifPresent(conf::addResource);
    }

    /**
     * The settings of {@code $HADOOP_CONF_DIR/core-site.xml}, for a Spark session builder (as {@code spark.hadoop.*}):
     * a session copies its Hadoop configuration when it starts, so settings must be given before.
     */
    public static Map<String, String> confDirSettings() {
        return confDirSettings(System.getenv());
    }

    static Map<String, String> confDirSettings(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        confDirCoreSite(env).ifPresent(site -> {
            Configuration only = new Configuration(false);
            only.addResource(site);
            only.forEach(e -> out.put(e.getKey(), only.get(e.getKey())));
        });
        return out;
    }

    private static java.util.Optional<Path> confDirCoreSite(Map<String, String> env) {
        String dir = env.get(CONF_DIR_VARIABLE);
        if (dir == null || dir.isBlank()) {
            return java.util.Optional.empty();
        }
        java.nio.file.Path path = Paths.get(dir.trim());
        if (!Files.isDirectory(path)) {
            throw new InvalidInputException("Cannot read the Hadoop configuration: " + CONF_DIR_VARIABLE + "=" + dir
                    + " is not a directory");
        }
        java.nio.file.Path coreSite = path.resolve("core-site.xml");
        return Files.isRegularFile(coreSite) ? java.util.Optional.of(new Path(coreSite.toUri())) : java.util.Optional.empty();
    }
}
