package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import sediment.core.testutil.TempInstance;
import sediment.core.util.Json;
import sediment.submit.Platform;
import sediment.submit.SubmissionStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** sediment status JOB as a user runs it, for a job on EMR Serverless in moto. */
@ExtendWith(MotoExtension.class)
class StatusFromPlatformCommandTest {
    @TempDir
    Path tmp;
    private MotoServer moto;
    private TempInstance instance;

    @BeforeEach
    void jobOnEmrServerless(MotoServer moto) throws Exception {
        moto.reset();
        this.moto = moto;
        // The command line takes credentials from AWS's default chain, which reads these.
        System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
        instance = TempInstance.create(tmp);
        try (EmrServerlessClient client = EmrServerlessClient.builder().region(Region.of(MotoServer.REGION))
                .endpointOverride(URI.create(moto.endpoint())).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY))).build()) {
            String app = client.createApplication(b -> b.name("app").releaseLabel("emr-7.5.0").type("SPARK")).applicationId();
            String run = client.startJobRun(b -> b.applicationId(app).name("job-1").clientToken("t")
                    .executionRoleArn("arn:aws:iam::123456789012:role/run")).jobRunId();
            new JobStatusStore(instance.instance()).record(JobStatus.accepted("job-1", "bulk-import", "t", "emr-serverless"));
            new SubmissionStore(instance.instance()).launched("job-1", Platform.EMR_SERVERLESS,
                    "EMR Serverless job run " + run + " on application " + app);
        }
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void shouldMergeThePlatformsViewInTextAndJson() throws Exception {
        Cli.Result text = Cli.run("status", "job-1", "--instance", instance.root(), "--region", MotoServer.REGION,
                "--endpoint-url", moto.endpoint()).succeeded();
        JsonNode json = Json.MAPPER.readTree(Cli.run("status", "job-1", "--json", "--instance", instance.root(),
                "--region", MotoServer.REGION, "--endpoint-url", moto.endpoint()).succeeded().out());

        assertThat(text.out().lines().findFirst().orElseThrow()).contains("job-1", "LOST", "platform=emr-serverless");
        assertThat(text.out()).contains("  recorded by the job: job-1", "  on the platform: EMR Serverless job run ",
                ": job run SUCCESS", "  Spark UI: aws emr-serverless get-dashboard-for-job-run");
        assertThat(json.get("state").textValue()).isEqualTo("LOST");
        assertThat(json.get("recordedState").textValue()).isEqualTo("ACCEPTED");
        assertThat(json.at("/platformView/state").textValue()).isEqualTo("job run SUCCESS");
        assertThat(json.at("/platformView/ended").booleanValue()).isTrue();
    }

    @Test
    void shouldShowTheJobsOwnRecordsWithAWarningWhenThePlatformDoesNotAnswer() {
        Cli.Result result = Cli.run("status", "job-1", "--instance", instance.root(), "--region", MotoServer.REGION,
                "--endpoint-url", "http://127.0.0.1:9", "--aws-max-attempts", "1");
        Cli.Result skipped = Cli.run("status", "job-1", "--no-platform", "--instance", instance.root()).succeeded();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("job-1", "ACCEPTED").doesNotContain("LOST");
        assertThat(result.err()).startsWith("warning: could not ask emr-serverless about job job-1: Cannot ask emr-serverless")
                .hasLineCount(1);
        assertThat(skipped.out()).contains("ACCEPTED").doesNotContain("on the platform");
        assertThat(skipped.err()).isEmpty();
    }
}
