package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import sediment.core.util.Json;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP client for the AWS SDK that sends nothing: it records each request the SDK has marshalled
 * and signed, exactly as it would go on the wire, and answers with a canned response so the caller's
 * code runs on as it would. This is how {@code --dry-run} shows the exact requests.
 */
public final class DryRunHttpClient implements SdkHttpClient {
    private final Map<String, String> answers;
    private final List<WireRequest> requests = new ArrayList<>();

    /**
     * @param answers the response body for each operation: its X-Amz-Target for JSON protocol services, or
     *                "METHOD /path" for REST services such as EMR Serverless, where {@code *} in the key
     *                stands for one path segment; others get {@code {}}
     */
    public DryRunHttpClient(Map<String, String> answers) {
        this.answers = Map.copyOf(answers);
    }

    public synchronized List<WireRequest> requests() {
        return List.copyOf(requests);
    }

    /** What a dry run does with the clients: the same calls a real run makes. */
    @FunctionalInterface
    public interface Calls {
        void make(AwsClients clients);
    }

    /**
     * Makes {@code calls} with clients that send nothing, answered from {@code answers}, and returns every request they
     * would have sent as JSON, secrets redacted: what each {@code --dry-run} prints.
     */
    public static JsonNode requestsOf(String region, Map<String, String> answers, Calls calls) {
        DryRunHttpClient http = new DryRunHttpClient(answers);
        try (AwsClients clients = AwsClients.dryRun(region, http)) {
            calls.make(clients);
        }
        return Secrets.redact(Json.MAPPER.<JsonNode>valueToTree(http.requests()));
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // REST services have no X-Amz-Target: their operation is the method and path.
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target")
                        .orElse(request.httpRequest().method().name() + " " + request.httpRequest().encodedPath());
                byte[] body = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                }
                JsonNode json = body.length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
                synchronized (DryRunHttpClient.this) {
                    requests.add(new WireRequest(target, request.httpRequest().method().name(),
                            request.httpRequest().getUri().toString(), json));
                }
                byte[] answer = answer(target).getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("Content-Length", Integer.toString(answer.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private String answer(String operation) {
        String exact = answers.get(operation);
        if (exact != null) {
            return exact;
        }
        return answers.entrySet().stream()
                .filter(e -> e.getKey().contains("*") && operation.matches(java.util.Arrays.stream(e.getKey().split("\\*", -1))
                        .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining("[^/]+"))))
                .map(Map.Entry::getValue).findFirst().orElse("{}");
    }

    @Override
    public void close() {
    }
}
