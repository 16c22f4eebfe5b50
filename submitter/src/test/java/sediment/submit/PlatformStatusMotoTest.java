package sediment.submit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * status JOB's view of the platform: what moto says of the step, the execution or the job run, merged with
 * the job's own records. moto's job runs end in SUCCESS at once, its steps stay RUNNING and its executions
 * RUNNING until stopped, so each ending is made through moto's own API (cancel, terminate, stop).
 */
@ExtendWith(MotoExtension.class)
class PlatformStatusMotoTest {
    private static final String JOB = """
            {"id":"%s","tableName":"my-table","files":["s3a://bucket/dir/"]}""";
    private static final String SERVERLESS = "sleeper.bulk.import.emr.serverless.execution.role.arn="
            + "arn:aws:iam::123456789012:role/run\n";

    @TempDir
    Path dir;
    private MotoServer moto;
    private AwsClients aws;

    @BeforeEach
    void pointAtMoto(MotoServer moto) throws Exception {
        moto.reset();
        this.moto = moto;
        this.aws = clients();
    }

    private AwsClients clients() {
        return new AwsClients(Region.of(MotoServer.REGION), URI.create(moto.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)),
                ApacheHttpClient.builder().build(), 2, Duration.ofMillis(10));
    }

    private void submit(Instance instance, String id, Platform platform) {
        try (Launchers launchers = new Launchers(clients())) {
            new Submitter(new LaunchPlanner(instance, Map.of()), launchers, false).submit(TestInstances.job(JOB.formatted(id)), platform);
        }
    }

    private CombinedStatus status(Instance instance, String id) {
        try (Launchers launchers = new Launchers(clients())) {
            PlatformView view = new PlatformStatus(launchers, MotoServer.REGION, instance.properties())
                    .ask(id, new SubmissionStore(instance).find(id).orElseThrow()).orElseThrow();
            return CombinedStatus.of(new JobStatusStore(instance).get(id), view);
        }
    }

    @Test
    void shouldCallAnEmrServerlessRunThatEndedWithoutAnOutcomeLostAndOneThatWasCancelledFailed() throws Exception {
        Instance instance = TestInstances.create(dir, SERVERLESS);
        String applicationId = new EmrServerlessApplication(aws.emrServerless(), instance.properties()).create().applicationId();
        submit(instance, "job-1", Platform.EMR_SERVERLESS);
        submit(instance, "job-2", Platform.EMR_SERVERLESS);
        String run2 = aws.emrServerless().listJobRuns(b -> b.applicationId(applicationId)).jobRuns().stream()
                .filter(r -> r.name().equals("job-2")).findFirst().orElseThrow().id();
        aws.emrServerless().cancelJobRun(b -> b.applicationId(applicationId).jobRunId(run2));

        CombinedStatus lost = status(instance, "job-1");
        CombinedStatus cancelled = status(instance, "job-2");

        assertThat(lost.state()).isEqualTo("LOST");
        assertThat(lost.recorded().state()).isEqualTo(JobStatus.State.ACCEPTED);
        assertThat(lost.platform().state()).isEqualTo("job run SUCCESS");
        assertThat(lost.reason()).startsWith("emr-serverless ended the job (job run SUCCESS) but the job recorded no outcome");
        assertThat(lost.platform().look()).anyMatch(l -> l.startsWith("Spark UI: aws emr-serverless get-dashboard-for-job-run"
                + " --application-id " + applicationId + " --job-run-id "))
                .anyMatch(l -> l.startsWith("logs: s3://logs/emr/applications/" + applicationId + "/jobs/"));
        assertThat(cancelled.state()).isEqualTo("FAILED");
        assertThat(cancelled.reason()).isEqualTo("emr-serverless ended the job: CANCELLED");
    }

    @Test
    void shouldShowTheJobsOwnFailureWhenThePlatformCallsItASuccess() throws Exception {
        Instance instance = TestInstances.create(dir, SERVERLESS);
        new EmrServerlessApplication(aws.emrServerless(), instance.properties()).create();
        submit(instance, "job-1", Platform.EMR_SERVERLESS);
        JobStatusStore statuses = new JobStatusStore(instance);
        statuses.record(statuses.get("job-1").started().failed("Input file s3a://bucket/dir/ does not exist"));

        CombinedStatus status = status(instance, "job-1");

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.reason()).isEqualTo("Input file s3a://bucket/dir/ does not exist; the platform reports job run SUCCESS,"
                + " but the job recorded that it failed");
        assertThat(status.json().get("platformView").get("succeeded").booleanValue()).isTrue();
        assertThat(status.json().get("recordedState").textValue()).isEqualTo("FAILED");
    }

    @Test
    void shouldShowATransientClusterStepRunningThenFailedWhenTheClusterEndsUnderIt() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        submit(instance, "job-1", Platform.EMR);

        CombinedStatus running = status(instance, "job-1");
        String clusterId = running.platform().launchedOn().split(" ")[2];
        aws.emr().terminateJobFlows(b -> b.jobFlowIds(clusterId));
        CombinedStatus ended = status(instance, "job-1");

        assertThat(running.state()).isEqualTo("RUNNING");
        assertThat(running.platform().state()).isEqualTo("step RUNNING");
        assertThat(running.platform().look()).contains(
                "EMR console: https://eu-west-2.console.aws.amazon.com/emr/home?region=eu-west-2#/clusterDetails/" + clusterId)
                .anyMatch(l -> l.matches("logs: s3://logs/emr/" + clusterId + "/steps/s-[A-Z0-9]+/ \\(stderr.gz, stdout.gz\\)"));
        assertThat(ended.state()).isEqualTo("FAILED");
        assertThat(ended.reason()).startsWith("emr ended the job: the cluster ended before the step did");
    }

    @Test
    void shouldShowAPersistentClusterStep() throws Exception {
        Instance instance = TestInstances.create(dir, "sleeper.bulk.import.persistent.emr.use.managed.scaling=false\n");
        new PersistentCluster(aws.emr(), instance.properties()).create();
        submit(instance, "job-1", Platform.PERSISTENT_EMR);
        submit(instance, "job-2", Platform.PERSISTENT_EMR);

        CombinedStatus first = status(instance, "job-1");
        CombinedStatus second = status(instance, "job-2");

        assertThat(first.state()).isEqualTo("RUNNING");
        assertThat(first.platform().state()).isEqualTo("step RUNNING");
        assertThat(second.platform().launchedOn()).contains("step s-");
        assertThat(List.of(first.platform().state(), second.platform().state())).allMatch(s -> s.startsWith("step "));
    }

    @Test
    void shouldShowAnExecutionRunningThenFailedWhenAborted() throws Exception {
        String definition = Files.readString(Path.of("..", "step-functions", "bulk-import-eks.asl.json"));
        String arn = aws.sfn().createStateMachine(b -> b.name("bulk-import-eks").definition(definition)
                .roleArn("arn:aws:iam::123456789012:role/sediment-state-machine")).stateMachineArn();
        Instance instance = TestInstances.create(dir, "sleeper.bulk.import.eks.state.machine.arn=" + arn + "\n");
        submit(instance, "job-1", Platform.EKS);

        CombinedStatus running = status(instance, "job-1");
        aws.sfn().stopExecution(b -> b.executionArn(running.platform().launchedOn().substring("Step Functions execution ".length()))
                .error("Operator").cause("stopped by hand"));
        CombinedStatus aborted = status(instance, "job-1");

        assertThat(running.state()).isEqualTo("RUNNING");
        assertThat(running.lines()).contains("  driver logs: kubectl logs -n sleeper-test-bulk-import pods/job-1",
                "  Spark UI: kubectl port-forward -n sleeper-test-bulk-import job-1 4040:4040, then http://localhost:4040");
        assertThat(running.lines().get(0)).contains("job-1", "RUNNING", "platform=eks");
        assertThat(aborted.state()).isEqualTo("FAILED");
        assertThat(aborted.reason()).startsWith("eks ended the job: ABORTED");
    }
}
