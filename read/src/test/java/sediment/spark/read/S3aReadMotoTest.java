package sediment.spark.read;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance copied to S3 (moto) reads through {@code s3a://} with the data source and the catalog: the log
 * through Sediment's S3 storage, the files through S3A, with the endpoint given only as read options.
 */
@ExtendWith(MotoExtension.class)
class S3aReadMotoTest {
    private static final String BUCKET = "sediment-read";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void readsACopiedInstanceFromS3aThroughTheDataSourceAndTheCatalog(MotoServer moto) throws Exception {
        Map<String, String> s3a = settings(moto);
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.of(MotoServer.REGION))
                .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY))).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        ReadFixture f = new ReadFixture(dir);
        Table table = f.table("t", SedimentDataSourceTest.SCHEMA, List.of(100L, 200L, 300L));
        f.importRows(table, "job-a", SedimentDataSourceTest.rows("a", 0, 400), 2);
        f.importRows(table, "job-b", SedimentDataSourceTest.rows("b", 0, 400), 2);
        Configuration conf = new Configuration();
        s3a.forEach(conf::set);
        String instance = "s3a://" + BUCKET + "/copy";
        try (FileSystem target = FileSystem.newInstance(URI.create(instance), conf)) {
            FileUtil.copy(FileSystem.getLocal(conf), new Path(f.instance.root()), target, new Path(instance), false, conf);
        }

        Dataset<Row> df = f.spark.read().format("sediment").options(s3a).load(instance + "/tables/t");
        Dataset<Row> range = df.filter(col("key").between(120, 150));

        assertThat(df.count()).isEqualTo(800);
        assertThat(range.collectAsList()).containsExactlyInAnyOrderElementsOf(f.read(table).filter(col("key").between(120, 150))
                .collectAsList());
        // The two files of leaf p01 (one per import), read from the copy: the log records them relative to the table.
        java.util.Set<String> p01 = table.state().files().values().stream().filter(r -> r.partitionId().equals("p01"))
                .map(r -> instance + "/tables/t/" + r.path().substring(r.path().indexOf("/tables/t/") + "/tables/t/".length()))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(p01).hasSize(2);
        assertThat(ReadFixture.plannedPaths(range)).containsExactlyInAnyOrderElementsOf(p01);
        assertThat(f.spark.read().format("sediment").options(s3a).option("versionAsOf", 2).load(instance + "/tables/t").count())
                .isEqualTo(400);

        f.spark.conf().set("spark.sql.catalog.s3sed", SedimentCatalog.class.getName());
        f.spark.conf().set("spark.sql.catalog.s3sed.instance", instance);
        s3a.forEach((k, v) -> f.spark.conf().set("spark.sql.catalog.s3sed." + k, v));
        assertThat(f.spark.sql("SELECT count(*) FROM s3sed.t WHERE key BETWEEN 120 AND 150").first().getLong(0)).isEqualTo(62);
    }

    private static Map<String, String> settings(MotoServer moto) {
        Configuration site = new Configuration(false);
        site.addResource(new ByteArrayInputStream(moto.coreSiteXml().getBytes(StandardCharsets.UTF_8)), "moto");
        Map<String, String> out = new LinkedHashMap<>();
        site.forEach(e -> out.put(e.getKey(), site.get(e.getKey())));
        return out;
    }
}
