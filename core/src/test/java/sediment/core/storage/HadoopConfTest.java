package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HadoopConfTest {
    @TempDir
    Path dir;

    private void coreSite(String name, String value) throws Exception {
        Files.writeString(dir.resolve("core-site.xml"), "<?xml version=\"1.0\"?><configuration><property><name>" + name
                + "</name><value>" + value + "</value></property></configuration>");
    }

    @Test
    void shouldReadCoreSiteFromHadoopConfDir() throws Exception {
        coreSite("fs.s3a.endpoint", "http://minio.local:9000");

        Configuration conf = HadoopConf.load(Map.of("HADOOP_CONF_DIR", dir.toString()), new Properties());

        assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://minio.local:9000");
    }

    @Test
    void shouldLetSparkHadoopSystemPropertiesOverrideCoreSite() throws Exception {
        coreSite("fs.s3a.endpoint", "http://minio.local:9000");
        Properties system = new Properties();
        system.setProperty("spark.hadoop.fs.s3a.endpoint", "http://other:9000");
        system.setProperty("spark.hadoop.fs.s3a.path.style.access", "true");
        system.setProperty("spark.executor.memory", "1g");

        Configuration conf = HadoopConf.load(Map.of("HADOOP_CONF_DIR", dir.toString()), system);

        assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://other:9000");
        assertThat(conf.get("fs.s3a.path.style.access")).isEqualTo("true");
        assertThat(conf.get("executor.memory")).isNull();
    }

    @Test
    void shouldKeepValuesAlreadySetWhenAddingTheConfDir() throws Exception {
        coreSite("fs.s3a.endpoint", "http://minio.local:9000");
        Configuration sparkSession = new Configuration();
        sparkSession.set("fs.s3a.endpoint", "http://from-spark-conf:9000");

        HadoopConf.addConfDir(sparkSession, Map.of("HADOOP_CONF_DIR", dir.toString()));

        assertThat(sparkSession.get("fs.s3a.endpoint")).isEqualTo("http://from-spark-conf:9000");
    }

    @Test
    void shouldRefuseAHadoopConfDirThatIsNotADirectory() {
        assertThatThrownBy(() -> HadoopConf.load(Map.of("HADOOP_CONF_DIR", dir.resolve("nope").toString()), new Properties()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot read the Hadoop configuration: HADOOP_CONF_DIR=" + dir.resolve("nope") + " is not a directory");
    }

    @Test
    void shouldGiveTheConfDirsSettingsForASparkSessionToStartWith() throws Exception {
        coreSite("fs.s3a.endpoint", "http://minio.local:9000");

        assertThat(HadoopConf.confDirSettings(Map.of("HADOOP_CONF_DIR", dir.toString())))
                .containsExactly(Map.entry("fs.s3a.endpoint", "http://minio.local:9000"));
        assertThat(HadoopConf.confDirSettings(Map.of())).isEmpty();
    }
}
