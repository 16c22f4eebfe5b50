package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import sediment.core.util.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local HTTP server that answers like AWS's JSON-protocol services (EMR, Step Functions, SQS):
 * requests are told apart by their X-Amz-Target header; answers may be AWS error documents.
 */
final class FakeAws implements AutoCloseable {
    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    FakeAws() {
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** SDK clients pointed at this server, retrying quickly. */
    AwsClients clients(int maxAttempts) {
        return new AwsClients(Region.EU_WEST_2, endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                ApacheHttpClient.builder().build(), maxAttempts, Duration.ofMillis(5));
    }

    private static MappingBuilder call(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-" + code).withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    void answer(String target, ResponseDefinitionBuilder response) {
        server.stubFor(call(target).willReturn(response));
    }

    /** Answers the first {@code times} calls with {@code first}, every later one with {@code then}. */
    void answerFirst(String target, int times, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        String scenario = target + "-" + System.nanoTime();
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = "after-" + i;
            server.stubFor(call(target).inScenario(scenario).whenScenarioStateIs(state).willSetStateTo(next).willReturn(first));
            state = next;
        }
        server.stubFor(call(target).inScenario(scenario).whenScenarioStateIs(state).willReturn(then));
    }

    List<LoggedRequest> requests(String target) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
    }

    List<JsonNode> bodies(String target) {
        return requests(target).stream().map(r -> {
            try {
                return Json.MAPPER.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
