package sediment.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sediment.core.storage.Storage;
import sediment.core.storage.Storage.FileInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3Storage against WireMock answering as S3 does, checking the requests it sends. */
class S3StorageWireMockTest {
    private static final String ENTRY = "/bucket/instance/tables/t/log/00000000000000000001.json";

    private WireMockServer wm;
    private int port;
    private Storage storage;

    @BeforeEach
    void start() throws IOException {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        port = wm.port();
        Configuration conf = new Configuration(false);
        conf.set("fs.s3a.endpoint", "127.0.0.1:" + wm.port());
        conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
        conf.setBoolean("fs.s3a.path.style.access", true);
        conf.set("fs.s3a.endpoint.region", "eu-west-1");
        conf.set("fs.s3a.access.key", "test");
        conf.set("fs.s3a.secret.key", "test");
        storage = new S3StorageProvider().open("s3a://bucket/instance", conf);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>m</Message>"
                        + "<RequestId>r</RequestId></Error>");
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldCreateWithIfNoneMatchStar() throws Exception {
        wm.stubFor(put(urlEqualTo(ENTRY)).withHeader("If-None-Match", equalTo("*"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));

        assertThat(storage.createIfAbsent("s3a:/" + ENTRY, bytes("{}"))).isTrue();

        wm.verify(1, putRequestedFor(urlEqualTo(ENTRY)).withHeader("If-None-Match", equalTo("*")));
    }

    @Test
    void shouldReportFalseWhenTheKeyExists() throws Exception {
        wm.stubFor(put(urlEqualTo(ENTRY)).willReturn(s3Error(412, "PreconditionFailed")));

        assertThat(storage.createIfAbsent("s3a:/" + ENTRY, bytes("{}"))).isFalse();

        wm.verify(1, putRequestedFor(urlEqualTo(ENTRY)).withHeader("If-None-Match", equalTo("*")));
    }

    @Test
    void shouldReportFalseOnAConditionalRequestConflict() throws Exception {
        wm.stubFor(put(urlEqualTo(ENTRY)).willReturn(s3Error(409, "ConditionalRequestConflict")));

        assertThat(storage.createIfAbsent("s3a:/" + ENTRY, bytes("{}"))).isFalse();
    }

    @Test
    void shouldFailOnOtherErrorsRatherThanGuess() {
        wm.stubFor(put(urlEqualTo(ENTRY)).willReturn(s3Error(403, "AccessDenied")));

        assertThatThrownBy(() -> storage.createIfAbsent("s3a:/" + ENTRY, bytes("{}")))
                .isInstanceOf(IOException.class).hasMessageContaining("Cannot create s3a:/" + ENTRY);
    }

    @Test
    void shouldCreateOnceThenReportTheKeyExists() throws Exception {
        // S3 as a stateful scenario: the first conditional PUT creates the key, later ones find it there.
        wm.stubFor(put(urlEqualTo(ENTRY)).inScenario("entry").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("If-None-Match", equalTo("*"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")).willSetStateTo("created"));
        wm.stubFor(put(urlEqualTo(ENTRY)).inScenario("entry").whenScenarioStateIs("created")
                .withHeader("If-None-Match", equalTo("*"))
                .willReturn(s3Error(412, "PreconditionFailed")));

        assertThat(storage.createIfAbsent("s3a:/" + ENTRY, bytes("{\"writer\":1}"))).isTrue();
        assertThat(storage.createIfAbsent("s3a:/" + ENTRY, bytes("{\"writer\":2}"))).isFalse();
    }

    /**
     * WireMock's scenarios match and change state in separate steps, so two simultaneous requests can
     * both match the first state; S3 decides atomically, which this transformer does.
     */
    static final class CreateOnce implements ResponseDefinitionTransformerV2 {
        private final AtomicBoolean created = new AtomicBoolean();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return created.compareAndSet(false, true) ? event.getResponseDefinition()
                    : s3Error(412, "PreconditionFailed").build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "create-once";
        }
    }

    @Test
    void shouldLetExactlyOneOfRacingCreatesWin() throws Exception {
        wm.stop();
        wm = new WireMockServer(options().port(port).bindAddress("127.0.0.1").extensions(new CreateOnce()));
        wm.start();
        wm.stubFor(put(urlEqualTo(ENTRY)).withHeader("If-None-Match", equalTo("*"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"").withTransformers("create-once")));
        int racers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            byte[] content = bytes("{\"writer\":" + i + "}");
            Callable<Boolean> create = () -> {
                go.await();
                return storage.createIfAbsent("s3a:/" + ENTRY, content);
            };
            results.add(pool.submit(create));
        }
        go.countDown();
        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Boolean> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnlyOnce(true).hasSize(racers);
        wm.verify(racers, putRequestedFor(urlEqualTo(ENTRY)).withHeader("If-None-Match", equalTo("*")));
    }

    @Test
    void shouldReadNothingForNoSuchKey() throws Exception {
        wm.stubFor(get(urlEqualTo(ENTRY)).willReturn(s3Error(404, "NoSuchKey")));

        assertThat(storage.readIfExists("s3a:/" + ENTRY)).isEmpty();
    }

    @Test
    void shouldReadAnObject() throws Exception {
        wm.stubFor(get(urlEqualTo(ENTRY)).willReturn(aResponse().withStatus(200).withBody("{\"a\":1}")));

        assertThat(storage.readIfExists("s3a:/" + ENTRY)).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}"));
    }

    @Test
    void shouldListOneLevelWithADelimiter() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("instance/tables/")).withQueryParam("delimiter", equalTo("/"))
                .willReturn(xml("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>bucket</Name>"
                        + "<Prefix>instance/tables/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>"
                        + "<Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>"
                        + "<Contents><Key>instance/tables/</Key><Size>0</Size>"
                        + "<LastModified>2026-01-02T03:04:05.000Z</LastModified></Contents>"
                        + "<Contents><Key>instance/tables/README</Key><Size>12</Size>"
                        + "<LastModified>2026-01-02T03:04:05.000Z</LastModified></Contents>"
                        + "<CommonPrefixes><Prefix>instance/tables/a/</Prefix></CommonPrefixes>"
                        + "<CommonPrefixes><Prefix>instance/tables/b/</Prefix></CommonPrefixes>"
                        + "</ListBucketResult>")));

        List<FileInfo> listed = storage.list("s3a://bucket/instance/tables", false);

        assertThat(listed).containsExactlyInAnyOrder(
                new FileInfo("s3a://bucket/instance/tables/README", 12, 1767323045000L, false),
                new FileInfo("s3a://bucket/instance/tables/a", 0, 0, true),
                new FileInfo("s3a://bucket/instance/tables/b", 0, 0, true));
    }

    @Test
    void shouldListEverythingBelowWithoutADelimiterAcrossPages() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("instance/tables/t/")).withQueryParam("delimiter", absent())
                .withQueryParam("continuation-token", absent())
                .willReturn(xml("<ListBucketResult><Name>bucket</Name><Prefix>instance/tables/t/</Prefix>"
                        + "<KeyCount>1</KeyCount><IsTruncated>true</IsTruncated><NextContinuationToken>page2</NextContinuationToken>"
                        + "<Contents><Key>instance/tables/t/log/1.json</Key><Size>5</Size></Contents>"
                        + "</ListBucketResult>")));
        wm.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("instance/tables/t/")).withQueryParam("delimiter", absent())
                .withQueryParam("continuation-token", equalTo("page2"))
                .willReturn(xml("<ListBucketResult><Name>bucket</Name><Prefix>instance/tables/t/</Prefix>"
                        + "<KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>"
                        + "<Contents><Key>instance/tables/t/data/p/x.parquet</Key><Size>7</Size></Contents>"
                        + "</ListBucketResult>")));

        List<FileInfo> listed = storage.list("s3a://bucket/instance/tables/t", true);

        assertThat(listed).extracting(FileInfo::path, FileInfo::size, FileInfo::directory).containsExactly(
                org.assertj.core.groups.Tuple.tuple("s3a://bucket/instance/tables/t/log/1.json", 5L, false),
                org.assertj.core.groups.Tuple.tuple("s3a://bucket/instance/tables/t/data/p/x.parquet", 7L, false));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/bucket")));
    }

    @Test
    void shouldKeepTheSchemeOfTheListedPath() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .willReturn(xml("<ListBucketResult><Name>bucket</Name><IsTruncated>false</IsTruncated>"
                        + "<Contents><Key>d/f</Key><Size>1</Size></Contents></ListBucketResult>")));

        assertThat(storage.list("s3://bucket/d", false)).extracting(FileInfo::path).containsExactly("s3://bucket/d/f");
    }

    @Test
    void shouldDeleteEveryObjectUnderAPrefix() throws Exception {
        wm.stubFor(head(urlEqualTo("/bucket/instance/tables/t")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(head(urlEqualTo("/bucket/instance/tables/t/")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("instance/tables/t/"))
                .willReturn(xml("<ListBucketResult><Name>bucket</Name><IsTruncated>false</IsTruncated>"
                        + "<Contents><Key>instance/tables/t/log/1.json</Key><Size>5</Size></Contents>"
                        + "<Contents><Key>instance/tables/t/log/2.json</Key><Size>5</Size></Contents>"
                        + "</ListBucketResult>")));
        wm.stubFor(post(urlEqualTo("/bucket?delete")).willReturn(xml("<DeleteResult></DeleteResult>")));

        assertThat(storage.delete("s3a://bucket/instance/tables/t")).isTrue();

        wm.verify(1, postRequestedFor(urlEqualTo("/bucket?delete"))
                .withRequestBody(containing("<Key>instance/tables/t/log/1.json</Key>"))
                .withRequestBody(containing("<Key>instance/tables/t/log/2.json</Key>")));
    }

    @Test
    void shouldDeleteNothingWhereNothingIs() throws Exception {
        wm.stubFor(head(urlEqualTo("/bucket/gone")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(head(urlEqualTo("/bucket/gone/")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(urlPathEqualTo("/bucket")).withQueryParam("list-type", equalTo("2"))
                .willReturn(xml("<ListBucketResult><Name>bucket</Name><IsTruncated>false</IsTruncated></ListBucketResult>")));

        assertThat(storage.delete("s3a://bucket/gone")).isFalse();

        wm.verify(0, postRequestedFor(urlEqualTo("/bucket?delete")));
    }
}
