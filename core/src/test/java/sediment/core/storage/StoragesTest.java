package sediment.core.storage;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoragesTest {

    @Test
    void shouldQualifyLocalLocationsTheWayHadoopWritesThem() {
        assertThat(Storages.qualify("/data/instance")).isEqualTo("file:/data/instance");
        assertThat(Storages.qualify("/data/instance/")).isEqualTo("file:/data/instance");
        assertThat(Storages.qualify("file:/data/instance")).isEqualTo("file:/data/instance");
        assertThat(Storages.qualify("file:///data/instance/")).isEqualTo("file:/data/instance");
        assertThat(Storages.qualify("file://localhost/data/instance")).isEqualTo("file:/data/instance");
        assertThat(Storages.qualify("file:/data/./a/../instance")).isEqualTo("file:/data/instance");
        assertThat(Storages.qualify("file:///")).isEqualTo("file:/");
        assertThat(Storages.qualify("sediment-instance"))
                .isEqualTo("file:" + Path.of("sediment-instance").toAbsolutePath().normalize());
    }

    @Test
    void shouldKeepOtherSchemesAsGivenWithoutTrailingSlashes() {
        assertThat(Storages.qualify("s3a://bucket/instance/")).isEqualTo("s3a://bucket/instance");
        assertThat(Storages.qualify("hdfs://namenode:8020/sediment")).isEqualTo("hdfs://namenode:8020/sediment");
        assertThat(Storages.isLocal("file:/x")).isTrue();
        assertThat(Storages.isLocal("s3a://bucket/x")).isFalse();
    }

    @Test
    void shouldRefuseAFileUriOnAnotherHostAsInvalidInput() {
        assertThatThrownBy(() -> Storages.qualify("file://nas/instance")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid location file://nas/instance: ")
                .hasMessageContaining("names a file on host 'nas'");
    }

    @Test
    void shouldUseJavaNioForLocalPaths() {
        assertThat(Storages.forPath("file:/tmp", null)).isInstanceOf(LocalStorage.class);
    }

    @Test
    void shouldAskStorageProvidersForOtherSchemes() {
        Storage storage = Storages.forPath("sediment-test://bucket/instance", new org.apache.hadoop.conf.Configuration(false));

        assertThat(storage).isInstanceOf(LocalStorage.class);
        assertThat(RecordingStorageProvider.OPENED).contains("sediment-test://bucket/instance");
    }

    @Test
    void shouldFallBackToHadoopWhenNoProviderSupportsTheScheme() {
        // core alone has no S3 provider: s3a goes through Hadoop (here a local stand-in for S3A)
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        conf.set("fs.s3a.impl", HadoopStorageTest.NonAtomicFileSystem.class.getName());
        conf.setBoolean("fs.s3a.impl.disable.cache", true);

        assertThat(Storages.forPath("s3a://bucket/instance", conf)).isInstanceOf(HadoopStorage.class);
    }
}
