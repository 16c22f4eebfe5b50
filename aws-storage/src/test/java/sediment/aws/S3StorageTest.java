package sediment.aws;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sediment.core.storage.Storage;
import sediment.core.storage.Storage.FileInfo;
import sediment.core.storage.Storages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** S3Storage against the in-memory S3: directories as prefixes, prefix deletes and the copying rename. */
class S3StorageTest {
    private final FakeS3 s3 = fake();
    private final Storage storage = Storages.forPath("s3a://bucket/i", conf());

    private static FakeS3 fake() {
        try {
            return new FakeS3();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Configuration conf() {
        return s3.hadoopConf();
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteReadAndReplace() throws Exception {
        storage.write("s3a://bucket/i/a.json", bytes("1"));
        storage.write("s3a://bucket/i/a.json", bytes("2"));

        assertThat(storage.readIfExists("s3a://bucket/i/a.json")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("2")));
        assertThat(storage.readIfExists("s3a://bucket/i/b.json")).isEmpty();
        assertThat(storage.createIfAbsent("s3a://bucket/i/a.json", bytes("3"))).isFalse();
        assertThat(storage.readIfExists("s3a://bucket/i/a.json")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("2")));
    }

    @Test
    void shouldSeeAPrefixAsADirectory() throws Exception {
        storage.write("s3a://bucket/i/tables/t/log/1.json", bytes("x"));

        assertThat(storage.exists("s3a://bucket/i/tables/t/log/1.json")).isTrue();
        assertThat(storage.exists("s3a://bucket/i/tables/t")).isTrue();
        assertThat(storage.exists("s3a://bucket/i/tables/u")).isFalse();
        assertThat(storage.exists("s3a://bucket/i/tables/t/log/1.js")).isFalse();
        assertThat(storage.list("s3a://bucket/i/tables", false))
                .containsExactly(new FileInfo("s3a://bucket/i/tables/t", 0, 0, true));
        assertThat(storage.list("s3a://bucket/i/nothing", false)).isEmpty();
    }

    @Test
    void shouldDeleteAPrefixButNotItsNeighbours() throws Exception {
        storage.write("s3a://bucket/i/d/a", bytes("a"));
        storage.write("s3a://bucket/i/d/e/b", bytes("b"));
        storage.write("s3a://bucket/i/d2/c", bytes("c"));

        assertThat(storage.delete("s3a://bucket/i/d")).isTrue();

        assertThat(s3.objects().keySet()).containsExactly("bucket/i/d2/c");
        assertThat(storage.delete("s3a://bucket/i/d")).isFalse();
    }

    @Test
    void shouldRenameADirectoryByCopying() throws Exception {
        storage.write("s3a://bucket/i/tmp/x/a", bytes("a"));
        storage.write("s3a://bucket/i/tmp/x/e/b", bytes("b"));
        storage.write("s3a://bucket/i/dest/y", bytes("y"));

        assertThat(storage.rename("s3a://bucket/i/tmp/x", "s3a://bucket/i/dest/y")).isFalse();
        assertThat(storage.rename("s3a://bucket/i/tmp/x", "s3a://bucket/i/dest/x")).isTrue();
        assertThat(storage.rename("s3a://bucket/i/tmp/x", "s3a://bucket/i/dest/z")).isFalse();

        assertThat(s3.objects().keySet()).containsExactly("bucket/i/dest/x/a", "bucket/i/dest/x/e/b", "bucket/i/dest/y");
        assertThat(storage.readIfExists("s3a://bucket/i/dest/x/e/b")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("b")));
    }

    @Test
    void shouldListPagesOfMoreThanAThousandKeys() throws Exception {
        for (int i = 0; i < 1005; i++) {
            s3.objects().put("bucket/i/many/" + i, bytes("."));
        }

        assertThat(storage.list("s3a://bucket/i/many", false)).hasSize(1005);
        assertThat(storage.delete("s3a://bucket/i/many")).isTrue();
        assertThat(s3.objects()).isEmpty();
    }

    @Test
    void shouldTakeTheRegionFromAnAwsEndpointAndASchemeFromTheSslSetting() {
        Configuration conf = new Configuration(false);
        conf.set("fs.s3a.endpoint", "s3.eu-west-2.amazonaws.com");
        assertThat(S3StorageProvider.Settings.of("b", conf))
                .extracting(S3StorageProvider.Settings::endpoint, S3StorageProvider.Settings::region).containsExactly("", "eu-west-2");

        conf.set("fs.s3a.endpoint", "minio:9000");
        conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
        conf.set("fs.s3a.bucket.special.endpoint", "https://other:9000");
        assertThat(S3StorageProvider.Settings.of("b", conf).endpoint()).isEqualTo("http://minio:9000");
        assertThat(S3StorageProvider.Settings.of("special", conf).endpoint()).isEqualTo("https://other:9000");
    }
}
