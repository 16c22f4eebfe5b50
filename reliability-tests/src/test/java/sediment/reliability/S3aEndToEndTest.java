package sediment.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code s3a://} instance end to end against moto, through the real command line in JVMs of its own, pointed
 * at the endpoint only by {@code HADOOP_CONF_DIR}, as docs/platforms.md tells a user: instance init, table create,
 * input written and bulk imported through S3A, describe, a replay, concurrent imports racing on the log's
 * conditional writes, gc, a merge with an {@code s3a://} db, and {@code table split --auto} from the key sketches in
 * the files' footers. What landed is read back from moto's S3 directly.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3aEndToEndTest {
    private static final String BUCKET = "sediment-e2e";
    private static final String INSTANCE = "s3a://" + BUCKET + "/instance";
    private static final String DB = "s3a://" + BUCKET + "/db";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private Map<String, String> env;
    private S3Client s3;

    @BeforeAll
    void pointAtMoto(MotoServer moto) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("hadoop-conf"));
        Files.writeString(conf.resolve("core-site.xml"), moto.coreSiteXml());
        env = Cli.env("HADOOP_CONF_DIR", conf.toString(), "SEDIMENT_INSTANCE", INSTANCE, "SEDIMENT_DB", DB,
                "SEDIMENT_JAVA_OPTS", "-Xmx700m");
        s3 = S3Client.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.of(MotoServer.REGION))
                .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        Files.writeString(dir.resolve("schema.json"), """
                {"rowKeyFields": [{"name": "key", "type": "LongType"}], "sortKeyFields": [],
                 "valueFields": [{"name": "value", "type": "StringType"}]}""");
        Files.writeString(dir.resolve("splits.txt"), "250\n500\n750\n");
    }

    private Cli sediment(String... args) throws Exception {
        Cli cli = Cli.run(dir, env, args);
        assertThat(cli.exitCode()).as("%s", cli).isZero();
        return cli;
    }

    private Path job(String id, String input) throws Exception {
        Path file = dir.resolve(id + ".json");
        Files.writeString(file, "{\"id\": \"" + id + "\", \"tableName\": \"t\", \"files\": [\"" + input + "\"],"
                + " \"sparkConf\": {\"spark.sql.shuffle.partitions\": \"2\"}}");
        return file;
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    private JsonNode describe() throws Exception {
        return JSON.readTree(sediment("table", "describe", "t", "--json").output());
    }

    private static long rows(JsonNode description) {
        long rows = 0;
        for (JsonNode f : description.get("files")) {
            rows += f.get("rows").asLong();
        }
        return rows;
    }

    @Test
    @Order(1)
    void shouldCreateAnInstanceAndATableOnS3() throws Exception {
        sediment("instance", "init");
        sediment("table", "create", "t", "--schema", dir.resolve("schema.json").toString(),
                "--split-points", dir.resolve("splits.txt").toString(),
                // The cases below count files and log entries of the tree as created; pre-splitting is tested elsewhere.
                "--property", "sleeper.table.bulk.import.min.leaf.partitions=1",
                // Only split --auto, the last case, reads it.
                "--property", "sleeper.table.partition.splitting.threshold=2000");

        assertThat(keys("instance/")).contains("instance/instance.properties", "instance/tables/t/log/00000000000000000001.json");
    }

    @Test
    @Order(2)
    void shouldBulkImportInputReadFromS3a() throws Exception {
        sediment("generate", "rows", "--table", "t", "--rows", "4000", "--files", "3", "--key-max", "1000",
                "--out", "s3a://" + BUCKET + "/input/a");
        assertThat(keys("input/a/")).filteredOn(k -> k.endsWith(".parquet")).hasSize(3);

        Cli imported = sediment("bulk-import", job("import-a", "s3a://" + BUCKET + "/input/a/").toString());

        assertThat(imported.output()).contains("imported 4,000 rows");
        JsonNode description = describe();
        assertThat(rows(description)).isEqualTo(4000);
        Set<String> referenced = new java.util.HashSet<>();
        description.get("files").forEach(f -> referenced.add(f.get("path").asText()));
        assertThat(referenced).hasSize(4).allMatch(p -> p.startsWith(INSTANCE + "/tables/t/data/"));
        assertThat(keys("instance/tables/t/data/").stream().map(k -> "s3a://" + BUCKET + "/" + k).collect(Collectors.toSet()))
                .containsAll(referenced);
    }

    @Test
    @Order(3)
    void shouldAnswerAReplayOfACommittedJobWithoutCommittingAgain() throws Exception {
        List<String> logBefore = keys("instance/tables/t/log/");

        Cli replay = sediment("bulk-import", dir.resolve("import-a.json").toString());

        assertThat(replay.output()).contains("was already committed");
        assertThat(keys("instance/tables/t/log/")).isEqualTo(logBefore);
        assertThat(rows(describe())).isEqualTo(4000);
    }

    @Test
    @Order(4)
    void shouldCommitEveryOneOfSeveralImportsRacingForTheLog() throws Exception {
        List<Cli> racing = new ArrayList<>();
        for (String id : List.of("race-1", "race-2", "race-3")) {
            racing.add(Cli.start(dir, env, "bulk-import", job(id, "s3a://" + BUCKET + "/input/a").toString(), "--master", "local[1]"));
        }
        for (Cli cli : racing) {
            assertThat(cli.exitCode()).as("%s", cli).isZero();
            assertThat(cli.output()).contains("imported 4,000 rows");
        }

        assertThat(rows(describe())).isEqualTo(4 * 4000);
        // entries 1 (create) and 2 (import-a), then one per racing job: none lost, none overwritten
        assertThat(keys("instance/tables/t/log/")).filteredOn(k -> k.endsWith(".json")).hasSize(5);
    }

    @Test
    @Order(5)
    void shouldCollectGarbageOnS3AndKeepEveryReferencedFile() throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key("instance/tables/t/data/partition_p0/stray.parquet"), RequestBody.fromString("x"));
        JsonNode before = describe();

        Cli gc = sediment("gc", "t", "--older-than", "0s");

        assertThat(gc.output()).contains("stray.parquet");
        assertThat(keys("instance/tables/t/data/")).doesNotContain("instance/tables/t/data/partition_p0/stray.parquet");
        for (JsonNode f : before.get("files")) {
            String key = f.get("path").asText().substring(("s3a://" + BUCKET + "/").length());
            // The file alone: its key sketch is in its own footer, not an object beside it.
            assertThat(keys(key)).as("objects under %s", key).containsExactly(key);
        }
        assertThat(rows(describe())).isEqualTo(4 * 4000);
    }

    @Test
    @Order(6)
    void shouldMergeIntradayDataIntoHistoricalStorageOnS3a() throws Exception {
        sediment("generate", "intraday", "Market", "Trades", "2024-01-02", "--rows", "3000", "--symbols", "20",
                "--files", "2", "--writable-partitions", "2");
        assertThat(keys("db/")).isNotEmpty();

        Cli merged = sediment("merge", "Market", "Trades", "2024-01-02", "sortColumn=Timestamp");

        assertThat(merged.output()).contains("3,000");
        assertThat(keys("db/")).anyMatch(k -> k.endsWith("table.parquet") || k.contains("/table.parquet/"));
    }

    @Test
    @Order(7)
    void shouldSplitEveryLeafOverTheThresholdFromTheSketchesInItsFilesFootersComputingNone() throws Exception {
        Cli split = sediment("table", "split", "t", "--auto");

        // Four leaves of about 4,000 rows each (four imports of keys 0..1000 over splits 250, 500, 750).
        assertThat(split.output().lines().filter(l -> l.startsWith("Split leaf "))).hasSize(4);
        assertThat(split.output()).doesNotContain("sketches computed");
        assertThat(keys("instance/tables/t/data/")).noneMatch(k -> k.endsWith(".sketch"));
    }
}
