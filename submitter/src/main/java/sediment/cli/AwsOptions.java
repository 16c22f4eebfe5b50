package sediment.cli;

import picocli.CommandLine.Option;
import sediment.submit.AwsClients;

import java.net.URI;
import java.time.Duration;

/** The AWS options commands that talk to AWS share. Credentials come from AWS's usual chain. */
public final class AwsOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: AWS_REGION or your AWS config).")
    String region;
    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send AWS requests to this endpoint instead of AWS's own (e.g. a local test server).")
    URI endpoint;
    @Option(names = "--aws-max-attempts", paramLabel = "N", description = "Attempts per AWS request when throttled or"
            + " failing (default: ${DEFAULT-VALUE}).", defaultValue = "" + AwsClients.DEFAULT_MAX_ATTEMPTS)
    int maxAttempts;
    @Option(names = "--aws-retry-base-ms", hidden = true, defaultValue = "500")
    long baseDelayMillis;

    public AwsClients clients() {
        return AwsClients.real(region, endpoint, maxAttempts, Duration.ofMillis(baseDelayMillis));
    }
}
