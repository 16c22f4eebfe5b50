package sediment.aws;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.log.FileLogStorage;
import sediment.core.log.TransactionLog;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.storage.HadoopConf;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;
import sediment.core.table.AddFiles;
import sediment.core.table.CreateTable;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import sediment.core.testutil.TestSchemas;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sediment's S3 client against moto, an S3 Sediment did not write: pointed there only by a {@code core-site.xml}
 * in {@code HADOOP_CONF_DIR}, as a user points it at their endpoint, and checked through a plain SDK client.
 */
@ExtendWith(MotoExtension.class)
class S3StorageMotoTest {
    private static final String BUCKET = "storage-moto-test";

    private static S3Client direct;
    private static Configuration conf;

    @BeforeAll
    static void pointAtMoto(MotoServer moto, @TempDir Path confDir) throws Exception {
        Files.writeString(confDir.resolve("core-site.xml"), moto.coreSiteXml());
        conf = HadoopConf.load(Map.of(HadoopConf.CONF_DIR_VARIABLE, confDir.toString()), new Properties());
        direct = S3Client.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.of(MotoServer.REGION))
                .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .build();
        direct.createBucket(b -> b.bucket(BUCKET));
    }

    private static Storage storage(String path) {
        Storage storage = Storages.forPath(path, conf);
        assertThat(storage).isInstanceOf(S3Storage.class);
        return storage;
    }

    @Test
    void shouldWriteListAndDeleteWhereTheHadoopConfDirPoints() throws Exception {
        Storage s = storage("s3a://" + BUCKET + "/files");

        s.write("s3a://" + BUCKET + "/files/a.json", "{\"a\":1}".getBytes());
        s.write("s3a://" + BUCKET + "/files/dir/b.json", "{}".getBytes());

        assertThat(direct.getObjectAsBytes(b -> b.bucket(BUCKET).key("files/a.json")).asUtf8String()).isEqualTo("{\"a\":1}");
        assertThat(s.list("s3a://" + BUCKET + "/files", true)).extracting(Storage.FileInfo::path)
                .containsExactlyInAnyOrder("s3a://" + BUCKET + "/files/a.json", "s3a://" + BUCKET + "/files/dir/b.json");
        assertThat(s.list("s3a://" + BUCKET + "/files", false)).extracting(Storage.FileInfo::path)
                .containsExactlyInAnyOrder("s3a://" + BUCKET + "/files/a.json", "s3a://" + BUCKET + "/files/dir");

        assertThat(s.delete("s3a://" + BUCKET + "/files")).isTrue();
        assertThat(direct.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("files/")).contents().stream()
                .map(S3Object::key)).isEmpty();
    }

    @Test
    void shouldListMoreThanOnePageOfKeys() throws Exception {
        for (int i = 0; i < 1005; i++) {
            String key = "many/" + i;
            direct.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(new byte[0]));
        }
        assertThat(storage("s3a://" + BUCKET + "/many").list("s3a://" + BUCKET + "/many", true)).hasSize(1005);
    }

    @Test
    void shouldRefuseToCreateAnEntryThatExistsAndKeepTheFirstWritersBytes() throws Exception {
        Storage s = storage("s3a://" + BUCKET + "/log");
        String entry = "s3a://" + BUCKET + "/log/00000000000000000001.json";

        assertThat(s.createIfAbsent(entry, "first".getBytes())).isTrue();
        assertThat(s.createIfAbsent(entry, "second".getBytes())).isFalse();

        assertThat(direct.getObjectAsBytes(b -> b.bucket(BUCKET).key("log/00000000000000000001.json")).asUtf8String())
                .isEqualTo("first");
        // moto itself answers a second conditional PutObject with 412, not only Sediment's reading of it
        assertThatThrownBy(() -> direct.putObject(b -> b.bucket(BUCKET).key("log/00000000000000000001.json").ifNoneMatch("*"),
                RequestBody.fromString("third")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void shouldLoseNoCommitWhenEightWritersRaceForTheSameLogEntries() throws Exception {
        String table = "s3a://" + BUCKET + "/instance/tables/race";
        Schema schema = TestSchemas.longKey();
        new TransactionLog("race", new FileLogStorage(storage(table), table), 100, 200)
                .commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));

        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TransactionLog.CommitResult>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String job = "job-" + w;
            results.add(pool.submit(() -> {
                TransactionLog log = new TransactionLog("race", new FileLogStorage(storage(table), table), 100, 200);
                go.await();
                return log.commit(new AddFiles(job, List.of(new FileReference(table + "/data/" + job + ".parquet",
                        PartitionTree.ROOT_ID, 10, List.of(1L), List.of(2L)))));
            }));
        }
        go.countDown();
        List<Long> versions = new ArrayList<>();
        for (Future<TransactionLog.CommitResult> r : results) {
            versions.add(r.get().version());
        }
        pool.shutdown();

        assertThat(versions).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        TableState state = new TransactionLog("race", new FileLogStorage(storage(table), table), 100, 200).readState();
        assertThat(state.files()).hasSize(writers);
        assertThat(direct.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("instance/tables/race/log/")).contents())
                .hasSize(writers + 1);
    }
}
