package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.util.Json;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.submit.FakeAws.error;
import static sediment.submit.FakeAws.ok;

/** Every AWS request a submission sends, checked on the wire against a local server that answers like AWS. */
class AwsWireTest {
    private static final String RUN_JOB_FLOW = "ElasticMapReduce.RunJobFlow";
    private static final String LIST_CLUSTERS = "ElasticMapReduce.ListClusters";
    private static final String ADD_STEPS = "ElasticMapReduce.AddJobFlowSteps";
    private static final String START_EXECUTION = "AWSStepFunctions.StartExecution";
    private static final String JOB = """
            {"id":"job-1","tableName":"my-table","files":["bucket/dir/"],"sparkConf":{"spark.task.cpus":"2"}}""";

    @TempDir
    Path dir;
    final FakeAws aws = new FakeAws();
    final List<Duration> sleeps = new ArrayList<>();

    @AfterEach
    void stop() {
        aws.close();
    }

    private Submitter submitter(Instance instance, int maxAttempts) {
        Launchers launchers = new Launchers(aws.clients(maxAttempts))
                .withPersistentEmr(emr -> new PersistentEmrLauncher(emr, 3, Duration.ofSeconds(10), sleeps::add));
        return new Submitter(new LaunchPlanner(instance, Map.of()), launchers, false);
    }

    private JsonNode dryRunBody(Instance instance, Platform platform, int index) {
        return new Submitter(new LaunchPlanner(instance, Map.of()), null, false)
                .dryRun(TestInstances.job(JOB), platform, "eu-west-2").get(index).get("body");
    }

    @Test
    void shouldSendRunJobFlowExactlyAsTheDryRunShowsIt() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1ABC\"}"));

        Submitter.Outcome outcome = submitter(instance, 3).submit(TestInstances.job(JOB), Platform.EMR);

        assertThat(outcome.launchedOn()).isEqualTo("EMR cluster j-1ABC (sleeper-test-bulk-import-job-1)");
        assertThat(aws.bodies(RUN_JOB_FLOW)).containsExactly(dryRunBody(instance, Platform.EMR, 0));
        assertThat(aws.requests(RUN_JOB_FLOW).get(0).getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
        JsonNode body = aws.bodies(RUN_JOB_FLOW).get(0);
        assertThat(body.at("/Instances/Ec2SubnetId").asText()).isEqualTo("subnet-1");
        assertThat(body.at("/Steps/0/HadoopJarStep/Args").toString()).contains(
                "\"s3://jars/sediment-spark-jobs-all.jar\",\"--instance\",\"" + instance.root() + "\",\"--platform\",\"emr\",\""
                        + instance.path("jobs/job-1.json") + "\"");
        assertThat(instance.storage().readIfExists(instance.path("jobs/job-1.json"))).isPresent();
        assertThat(new JobStatusStore(instance).get("job-1").state()).isEqualTo(JobStatus.State.ACCEPTED);
    }

    @Test
    void shouldRetryThrottledRequestsWithBackoff() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answerFirst(RUN_JOB_FLOW, 2, error(400, "ThrottlingException", "Rate exceeded"), ok("{\"JobFlowId\":\"j-2\"}"));

        Submitter.Outcome outcome = submitter(instance, 4).submit(TestInstances.job(JOB), Platform.EMR);

        assertThat(outcome.launchedOn()).startsWith("EMR cluster j-2 ");
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(3);
    }

    @Test
    void shouldGiveUpOnThrottlingAfterTheAttemptsAndLetTheJobBeSubmittedAgain() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(RUN_JOB_FLOW, error(400, "ThrottlingException", "Rate exceeded"));
        Submitter submitter = submitter(instance, 3);

        assertThatThrownBy(() -> submitter.submit(TestInstances.job(JOB), Platform.EMR))
                .isInstanceOf(AwsFailure.class)
                .hasMessage("Cannot create EMR cluster for job job-1: AWS answered ThrottlingException: Rate exceeded"
                        + " (still throttled after 3 attempts with backoff; try again later) (request id req-ThrottlingException)");
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(3);

        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-3\"}"));
        assertThat(submitter.submit(TestInstances.job(JOB), Platform.EMR).launchedOn()).startsWith("EMR cluster j-3 ");
    }

    @Test
    void shouldReportAnErrorAnswerAndRecordTheJobRejected() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(RUN_JOB_FLOW, error(400, "ValidationException", "Instance type m5.huge is not supported"));

        assertThatThrownBy(() -> submitter(instance, 3).submit(TestInstances.job(JOB), Platform.EMR))
                .hasMessage("Cannot create EMR cluster for job job-1: AWS answered ValidationException: Instance type m5.huge"
                        + " is not supported (request id req-ValidationException)");

        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
        JobStatus status = new JobStatusStore(instance).get("job-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.REJECTED);
        assertThat(status.reason()).contains("Instance type m5.huge is not supported");
    }

    @Test
    void shouldNotBlindlyRetryALaunchThatMayHaveHappened() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(RUN_JOB_FLOW, error(500, "InternalServerError", "oops"));

        assertThatThrownBy(() -> submitter(instance, 3).submit(TestInstances.job(JOB), Platform.EMR))
                .hasMessageStartingWith("Cannot create EMR cluster for job job-1: AWS answered InternalServerError: oops");
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
    }

    @Test
    void shouldRetryServerErrorsOfIdempotentRequests() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answerFirst(START_EXECUTION, 1, error(500, "InternalServerError", "oops"),
                ok("{\"executionArn\":\"arn:x\",\"startDate\":1.7E9}"));

        submitter(instance, 3).submit(TestInstances.job(JOB), Platform.EKS);

        assertThat(aws.requests(START_EXECUTION)).hasSize(2);
    }

    @Test
    void shouldNeverLaunchAJobIdTwice() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1ABC\"}"));
        Submitter submitter = submitter(instance, 3);
        submitter.submit(TestInstances.job(JOB), Platform.EMR);

        assertThatThrownBy(() -> submitter.submit(TestInstances.job(JOB), Platform.EKS))
                .isInstanceOf(AlreadyLaunchedException.class)
                .hasMessageContaining("Job job-1 was already submitted to emr at ")
                .hasMessageEndingWith(" and runs on EMR cluster j-1ABC (sleeper-test-bulk-import-job-1); give the job a new id to run it again");
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
        assertThat(aws.requests(START_EXECUTION)).isEmpty();
    }

    @Test
    void shouldAddAStepToThePersistentClusterFoundByName() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(LIST_CLUSTERS, ok("""
                {"Clusters":[{"Id":"j-OTHER","Name":"someone-else"},{"Id":"j-PERSIST","Name":"sleeper-test-persistent-emr"}]}"""));
        aws.answer(ADD_STEPS, ok("{\"StepIds\":[\"s-1\"]}"));

        Submitter.Outcome outcome = submitter(instance, 3).submit(TestInstances.job(JOB), Platform.PERSISTENT_EMR);

        assertThat(outcome.launchedOn()).isEqualTo("step s-1 on persistent EMR cluster j-PERSIST (sleeper-test-persistent-emr)");
        assertThat(aws.bodies(LIST_CLUSTERS)).containsExactly(dryRunBody(instance, Platform.PERSISTENT_EMR, 0));
        JsonNode expected = dryRunBody(instance, Platform.PERSISTENT_EMR, 1).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("JobFlowId", "j-PERSIST");
        assertThat(aws.bodies(ADD_STEPS)).containsExactly(expected);
        assertThat(expected.at("/Steps/0/ActionOnFailure").asText()).isEqualTo("CONTINUE");
    }

    @Test
    void shouldWaitForEmrsActiveStepLimitThenAddTheStep() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[{\"Id\":\"j-P\",\"Name\":\"sleeper-test-persistent-emr\"}]}"));
        aws.answerFirst(ADD_STEPS, 2, error(400, "ValidationException", "Maximum number of active steps(State = 'Running',"
                + " 'Pending' or 'Cancel_Pending') for cluster exceeded."), ok("{\"StepIds\":[\"s-9\"]}"));

        Submitter.Outcome outcome = submitter(instance, 3).submit(TestInstances.job(JOB), Platform.PERSISTENT_EMR);

        assertThat(outcome.launchedOn()).startsWith("step s-9 ");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    @Test
    void shouldSayClearlyWhenTheActiveStepLimitLasts() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[{\"Id\":\"j-P\",\"Name\":\"sleeper-test-persistent-emr\"}]}"));
        aws.answer(ADD_STEPS, error(400, "ValidationException", "Maximum number of active steps(State = 'Running',"
                + " 'Pending' or 'Cancel_Pending') for cluster exceeded."));

        assertThatThrownBy(() -> submitter(instance, 3).submit(TestInstances.job(JOB), Platform.PERSISTENT_EMR))
                .isInstanceOf(PersistentEmrLauncher.StepLimitException.class)
                .hasMessage("Cannot add job job-1 to persistent EMR cluster j-P: it has EMR's maximum number of active steps,"
                        + " still after 3 attempts; the job was not added, try again when steps have finished");
        assertThat(aws.requests(ADD_STEPS)).hasSize(3);
        assertThat(new SubmissionStore(instance).find("job-1")).isEmpty();
    }

    @Test
    void shouldSayHowToCreateThePersistentClusterWhenThereIsNone() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[]}"));

        assertThatThrownBy(() -> submitter(instance, 3).submit(TestInstances.job(JOB), Platform.PERSISTENT_EMR))
                .hasMessage("No active EMR cluster named sleeper-test-persistent-emr: create it with"
                        + " 'sediment emr create-persistent-cluster'");
        assertThat(aws.requests(ADD_STEPS)).isEmpty();
    }

    @Test
    void shouldStartAnExecutionNamedAfterTheJobWithTheJobAsInput() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(START_EXECUTION, ok("""
                {"executionArn":"arn:aws:states:eu-west-2:123456789012:execution:bulk-import-eks:job-1","startDate":1.7E9}"""));

        Submitter.Outcome outcome = submitter(instance, 3).submit(TestInstances.job(JOB), Platform.EKS);

        assertThat(outcome.launchedOn()).isEqualTo(
                "Step Functions execution arn:aws:states:eu-west-2:123456789012:execution:bulk-import-eks:job-1");
        JsonNode body = aws.bodies(START_EXECUTION).get(0);
        assertThat(body).isEqualTo(dryRunBody(instance, Platform.EKS, 0));
        assertThat(body.get("name").asText()).isEqualTo("job-1");
        JsonNode input = Json.MAPPER.readTree(body.get("input").asText());
        assertThat(input.get("job")).isEqualTo(Json.MAPPER.readTree(TestInstances.job(JOB).json()));
        assertThat(input.get("namespace").asText()).isEqualTo("sleeper-test-bulk-import");
        assertThat(input.get("errorsTopicArn").asText()).isEqualTo("arn:aws:sns:eu-west-2:123456789012:errors");
        assertThat(input.get("sparkSubmitArgs").toString()).contains("\"spark.kubernetes.driver.pod.name=job-1\"",
                "\"spark.executor.memory=7g\"", "\"spark.task.cpus=2\"", "\"local:///opt/sediment/sediment-spark-jobs-all.jar\"");
    }

    @Test
    void shouldTreatAnExistingExecutionAsAlreadyLaunched() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(START_EXECUTION, error(400, "ExecutionAlreadyExists", "Execution Already Exists: 'arn:...:job-1'"));

        assertThatThrownBy(() -> submitter(instance, 3).submit(TestInstances.job(JOB), Platform.EKS))
                .isInstanceOf(AlreadyLaunchedException.class)
                .hasMessageStartingWith("Job job-1 was already started on EKS");
        assertThat(new SubmissionStore(instance).find("job-1").orElseThrow().launched()).isTrue();
    }

    @Test
    void shouldCreateThePersistentClusterWithManagedScalingOrAFixedSize() throws Exception {
        Instance managed = TestInstances.create(dir.resolve("a"), """
                sleeper.bulk.import.persistent.emr.min.instances=2
                sleeper.bulk.import.persistent.emr.max.instances=7
                """);
        Instance fixed = TestInstances.create(dir.resolve("b"), """
                sleeper.bulk.import.persistent.emr.use.managed.scaling=false
                sleeper.bulk.import.persistent.emr.min.instances=4
                """);
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[]}"));
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-NEW\"}"));

        try (AwsClients clients = aws.clients(3); var emr = clients.emr()) {
            assertThat(new PersistentCluster(emr, managed.properties()).create()).isEqualTo(new PersistentCluster.Result("j-NEW", true));
            new PersistentCluster(emr, fixed.properties()).create();
        }

        List<JsonNode> bodies = aws.bodies(RUN_JOB_FLOW);
        assertThat(bodies.get(0).get("Name").asText()).isEqualTo("sleeper-test-persistent-emr");
        assertThat(bodies.get(0).at("/Instances/KeepJobFlowAliveWhenNoSteps").asBoolean()).isTrue();
        assertThat(bodies.get(0).at("/Instances/InstanceGroups/1/InstanceCount").asInt()).isEqualTo(2);
        assertThat(bodies.get(0).at("/ManagedScalingPolicy/ComputeLimits").toString())
                .isEqualTo("{\"UnitType\":\"Instances\",\"MinimumCapacityUnits\":2,\"MaximumCapacityUnits\":7,\"MaximumCoreCapacityUnits\":7}");
        assertThat(bodies.get(1).at("/Instances/InstanceGroups/1/InstanceCount").asInt()).isEqualTo(4);
        assertThat(bodies.get(1).has("ManagedScalingPolicy")).isFalse();
        assertThat(bodies.get(1).has("Steps")).isFalse();
    }

    @Test
    void shouldNotCreateASecondPersistentCluster() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[{\"Id\":\"j-P\",\"Name\":\"sleeper-test-persistent-emr\"}]}"));

        try (AwsClients clients = aws.clients(3); var emr = clients.emr()) {
            assertThat(new PersistentCluster(emr, instance.properties()).create()).isEqualTo(new PersistentCluster.Result("j-P", false));
        }
        assertThat(aws.requests(RUN_JOB_FLOW)).isEmpty();
    }
}
