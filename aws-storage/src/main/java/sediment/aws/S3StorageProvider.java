package sediment.aws;

import org.apache.hadoop.conf.Configuration;
import sediment.core.storage.Storage;
import sediment.core.storage.StorageProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code s3a://} and {@code s3://} paths with {@link S3Storage}. The client points where S3A
 * points: it honours {@code fs.s3a.endpoint}, {@code fs.s3a.path.style.access},
 * {@code fs.s3a.endpoint.region}, {@code fs.s3a.connection.ssl.enabled} and, when set,
 * {@code fs.s3a.access.key}/{@code fs.s3a.secret.key}/{@code fs.s3a.session.token} (each also per
 * bucket, {@code fs.s3a.bucket.<bucket>.*}, as S3A reads them). Otherwise the region and credentials
 * come from the SDK's default chains ({@code AWS_REGION}, profiles, instance or pod roles); with no
 * region anywhere it uses us-east-1 with cross-region access. Clients are shared per setting.
 */
public final class S3StorageProvider implements StorageProvider {
    private static final Set<String> SCHEMES = Set.of("s3a", "s3");
    private static final Pattern AWS_ENDPOINT = Pattern.compile("^(?:https?://)?s3[.-](?:dualstack\\.)?([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/?$");
    private static final Map<Settings, S3Client> CLIENTS = new ConcurrentHashMap<>();

    @Override
    public boolean supports(String scheme) {
        return SCHEMES.contains(scheme);
    }

    @Override
    public Storage open(String qualifiedPath, Configuration hadoopConf) {
        String bucket = S3Storage.Location.of(qualifiedPath).bucket();
        return new S3Storage(CLIENTS.computeIfAbsent(Settings.of(bucket, hadoopConf), S3StorageProvider::client));
    }

    /** The S3A settings that decide which client to build. */
    record Settings(String endpoint, boolean pathStyle, String region, String accessKey, String secretKey, String sessionToken) {
        static Settings of(String bucket, Configuration conf) {
            boolean ssl = Boolean.parseBoolean(get(conf, bucket, "connection.ssl.enabled", "true"));
            String endpoint = get(conf, bucket, "endpoint", "");
            String region = get(conf, bucket, "endpoint.region", "");
            Matcher aws = AWS_ENDPOINT.matcher(endpoint);
            if (endpoint.equals("s3.amazonaws.com") || endpoint.equals("https://s3.amazonaws.com")) {
                endpoint = ""; // the central endpoint: let the SDK choose the regional one
            } else if (aws.matches()) {
                if (region.isEmpty()) {
                    region = aws.group(1);
                }
                endpoint = ""; // an AWS regional endpoint: the SDK derives it from the region
            } else if (!endpoint.isEmpty() && !endpoint.contains("://")) {
                endpoint = (ssl ? "https://" : "http://") + endpoint;
            }
            return new Settings(endpoint, Boolean.parseBoolean(get(conf, bucket, "path.style.access", "false")), region,
                    get(conf, bucket, "access.key", ""), get(conf, bucket, "secret.key", ""),
                    get(conf, bucket, "session.token", ""));
        }

        private static String get(Configuration conf, String bucket, String key, String fallback) {
            String perBucket = conf.getTrimmed("fs.s3a.bucket." + bucket + "." + key);
            if (perBucket != null && !perBucket.isEmpty()) {
                return perBucket;
            }
            String value = conf.getTrimmed("fs.s3a." + key);
            return value == null || value.isEmpty() ? fallback : value;
        }

        @Override
        public String toString() {
            return "Settings[endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", region=" + region + "]";
        }
    }

    static S3Client client(Settings s) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(credentials(s))
                .forcePathStyle(s.pathStyle());
        if (!s.endpoint().isEmpty()) {
            b.endpointOverride(URI.create(s.endpoint()));
        }
        Region region = region(s);
        if (region == null) {
            b.region(Region.US_EAST_1).crossRegionAccessEnabled(true);
        } else {
            b.region(region);
        }
        return b.build();
    }

    private static Region region(Settings s) {
        if (!s.region().isEmpty()) {
            return Region.of(s.region());
        }
        String env = System.getenv("AWS_REGION");
        if (env != null && !env.isBlank()) {
            return Region.of(env.trim());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static AwsCredentialsProvider credentials(Settings s) {
        if (!s.accessKey().isEmpty() && !s.secretKey().isEmpty()) {
            return StaticCredentialsProvider.create(s.sessionToken().isEmpty()
                    ? AwsBasicCredentials.create(s.accessKey(), s.secretKey())
                    : software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(s.accessKey(), s.secretKey(), s.sessionToken()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
