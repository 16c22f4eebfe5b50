package sediment.submit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.PropertyLayers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkConfLayersTest {

    private static final Map<String, String> FILE = Map.of("spark.speculation", "false", "spark.serializer", "kryo",
            "spark.task.cpus", "1");

    @Test
    void shouldLayerDefaultsFileThenInstanceThenTableThenPlatformSpecThenSparkConf() {
        PropertyLayers settings = new PropertyLayers(
                Map.of("sleeper.default.bulk.import.spark.speculation.quantile", "0.6",
                        "sleeper.default.bulk.import.spark.shuffle.mapStatus.compression.codec", "zstd"),
                Map.of("sleeper.table.bulk.import.spark.speculation.quantile", "0.7"),
                Map.of("sleeper.table.bulk.import.spark.shuffle.mapStatus.compression.codec", "lz4"));

        Map<String, String> conf = SparkConfLayers.resolve(FILE, Platform.EMR, settings, Map.of("spark.task.cpus", "2"));

        assertThat(conf).containsEntry("spark.serializer", "kryo")              // only in the file
                .containsEntry("spark.speculation", "true")                     // built-in default beats the file
                .containsEntry("spark.speculation.quantile", "0.7")             // table beats instance
                .containsEntry("spark.shuffle.mapStatus.compression.codec", "lz4") // platformSpec beats instance
                .containsEntry("spark.task.cpus", "2")                          // sparkConf beats the file
                .doesNotContainKey("spark.executor.instances");
    }

    @Test
    void shouldApplyTheSeedsPodSizesOnEksUnlessTheJobSaysOtherwise() {
        PropertyLayers settings = PropertyLayers.of(Map.of(), Map.of());

        Map<String, String> conf = SparkConfLayers.resolve(Map.of("spark.executor.instances", "9"), Platform.EKS, settings,
                Map.of("spark.executor.memory", "6g"));

        assertThat(conf).containsEntry("spark.executor.instances", "3")
                .containsEntry("spark.driver.memory", "7g").containsEntry("spark.driver.memoryOverhead", "1g")
                .containsEntry("spark.executor.memory", "6g").containsEntry("spark.executor.memoryOverhead", "1g")
                .containsEntry("spark.driver.cores", "1").containsEntry("spark.executor.cores", "1");
    }

    @Test
    void shouldReadSparkDefaultsFileFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spark-defaults.conf");
        Files.writeString(file, "# comment\n\nspark.serializer   org.apache.spark.serializer.KryoSerializer\nspark.a=b\n");

        assertThat(SparkConfLayers.readDefaultsFile(file))
                .containsOnly(Map.entry("spark.serializer", "org.apache.spark.serializer.KryoSerializer"), Map.entry("spark.a", "b"));
    }

    @Test
    void shouldReadTheProjectsOwnDefaultsFile() {
        assertThat(SparkConfLayers.readDefaultsFile(Path.of("../conf/spark-defaults.conf")))
                .containsEntry("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    }

    @Test
    void shouldRejectALineThatIsNotASparkSetting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spark-defaults.conf");
        Files.writeString(file, "spark.a b\nnot-spark 1\n");

        assertThatThrownBy(() -> SparkConfLayers.readDefaultsFile(file))
                .hasMessage(file + ": 'not-spark' is not a Spark setting (expected 'spark.<key> <value>' lines)");
    }
}
