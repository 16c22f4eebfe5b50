package sediment.submit;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import sediment.core.error.InvalidInputException;

import java.net.URI;
import java.time.Duration;

/**
 * Builds the AWS SDK clients the platforms use, all alike: one HTTP client, the region, an optional
 * endpoint override (a local server in tests, or any AWS-compatible endpoint), and retries with
 * exponential backoff and jitter: of throttling and server errors for idempotent services, of
 * throttling only for EMR (see {@link #emr()}).
 *
 * @param endpoint    null for AWS itself
 * @param maxAttempts attempts per request, the first included
 * @param baseDelay   the first backoff delay; each retry doubles it, up to 20 seconds
 */
public record AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient httpClient,
                         int maxAttempts, Duration baseDelay) implements AutoCloseable {

    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);

    /** Clients for real requests: the region from the option or AWS's usual chain, the default credentials chain. */
    public static AwsClients real(String region, URI endpoint, int maxAttempts, Duration baseDelay) {
        return new AwsClients(region(region, null), endpoint, DefaultCredentialsProvider.builder().build(),
                ApacheHttpClient.builder().build(), maxAttempts, baseDelay);
    }

    /** Clients that send nothing: every request is recorded and answered by {@code http}. */
    public static AwsClients dryRun(String region, DryRunHttpClient http) {
        return new AwsClients(region(region, Region.US_EAST_1), null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("DRYRUNACCESSKEY", "dry-run")), http, 1, DEFAULT_BASE_DELAY);
    }

    static Region region(String option, Region fallback) {
        if (option != null && !option.isBlank()) {
            return Region.of(option);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            if (fallback != null) {
                return fallback;
            }
            throw new InvalidInputException("No AWS region: pass --region or set AWS_REGION");
        }
    }

    /**
     * EMR's RunJobFlow and AddJobFlowSteps have no idempotency token: a request retried after no answer
     * could start a second cluster or step. So EMR requests are retried only when AWS answered that it
     * throttled them, which means they had no effect.
     */
    public EmrClient emr() {
        return configure(EmrClient.builder(), StandardRetryStrategy.builder()
                .useClientDefaults(false)
                .retryOnException(AwsClients::throttled)
                .treatAsThrottling(AwsClients::throttled)).build();
    }

    /** Step Functions: StartExecution is idempotent by execution name, so AWS's standard retries apply. */
    public SfnClient sfn() {
        return configure(SfnClient.builder(), AwsRetryStrategy.standardRetryStrategy().toBuilder()).build();
    }

    /** EMR Serverless: StartJobRun and CreateApplication carry a client token, so AWS's standard retries apply. */
    public EmrServerlessClient emrServerless() {
        return configure(EmrServerlessClient.builder(), AwsRetryStrategy.standardRetryStrategy().toBuilder()).build();
    }

    /** ECS: RunTask carries a client token, so AWS's standard retries apply. */
    public EcsClient ecs() {
        return configure(EcsClient.builder(), AwsRetryStrategy.standardRetryStrategy().toBuilder()).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), AwsRetryStrategy.standardRetryStrategy().toBuilder()).build();
    }

    static boolean throttled(Throwable t) {
        return t instanceof AwsServiceException e && e.isThrottlingException();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                       StandardRetryStrategy.Builder retries) {
        builder.region(region).credentialsProvider(credentials).httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retries
                                .maxAttempts(maxAttempts)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, Duration.ofSeconds(20)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, Duration.ofSeconds(20)))
                                .circuitBreakerEnabled(false)
                                .build())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    @Override
    public void close() {
        httpClient.close();
    }
}
