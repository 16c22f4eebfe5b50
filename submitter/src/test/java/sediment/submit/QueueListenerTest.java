package sediment.submit;

import sediment.core.job.JobKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.Storage;
import sediment.core.util.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.submit.FakeAws.error;
import static sediment.submit.FakeAws.ok;

/** Queue mode against a local server answering like SQS and EMR. */
class QueueListenerTest {
    private static final String RECEIVE = "AmazonSQS.ReceiveMessage";
    private static final String DELETE = "AmazonSQS.DeleteMessage";
    private static final String CHANGE_VISIBILITY = "AmazonSQS.ChangeMessageVisibility";
    private static final String RUN_JOB_FLOW = "ElasticMapReduce.RunJobFlow";
    private static final String LIST_CLUSTERS = "ElasticMapReduce.ListClusters";
    private static final String QUEUE = "https://sqs.eu-west-2.amazonaws.com/123456789012/emr-jobs";
    private static final String JOB = "{\"id\":\"job-1\",\"tableName\":\"my-table\",\"files\":[\"bucket/dir/\"]}";

    @TempDir
    Path dir;
    final FakeAws aws = new FakeAws();
    final StringWriter log = new StringWriter();
    Instance instance;

    @AfterEach
    void stop() {
        aws.close();
    }

    private List<QueueListener.Result> poll(String... bodies) throws Exception {
        return poll(JobKind.BULK_IMPORT, bodies);
    }

    private List<QueueListener.Result> poll(JobKind kind, String... bodies) throws Exception {
        if (instance == null) {
            instance = TestInstances.create(dir, "");
        }
        aws.answer(RECEIVE, ok(messages(bodies)));
        aws.answer(DELETE, ok("{}"));
        aws.answer(CHANGE_VISIBILITY, ok("{}"));
        try (Launchers launchers = new Launchers(aws.clients(3)); AwsClients sqsClients = aws.clients(3);
             SqsClient sqs = sqsClients.sqs()) {
            Submitter submitter = new Submitter(new LaunchPlanner(instance, Map.of()), launchers, false);
            QueueListener listener = new QueueListener(sqs, QUEUE, submitter, new JobStatusStore(instance), Platform.EMR,
                    kind, Duration.ofMinutes(15), 0, Duration.ofSeconds(60), new PrintWriter(log, true));
            return listener.pollOnce();
        }
    }

    /** A ReceiveMessage answer; message i has id msg-i and receipt handle rh-i. */
    private static String messages(String... bodies) throws Exception {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("Messages");
        for (int i = 0; i < bodies.length; i++) {
            list.addObject().put("MessageId", "6d1d1f3c-0000-4000-8000-00000000000" + i).put("ReceiptHandle", "rh-" + i)
                    .put("Body", bodies[i]).put("MD5OfBody", HexFormat.of().formatHex(
                            MessageDigest.getInstance("MD5").digest(bodies[i].getBytes(StandardCharsets.UTF_8))));
        }
        return Json.MAPPER.writeValueAsString(answer);
    }

    private List<String> deletedReceipts() {
        return aws.bodies(DELETE).stream().map(b -> b.get("ReceiptHandle").asText()).toList();
    }

    @Test
    void shouldLaunchAValidJobAndThenDeleteItsMessage() throws Exception {
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1\"}"));

        assertThat(poll(JOB)).containsExactly(QueueListener.Result.LAUNCHED);

        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
        assertThat(deletedReceipts()).containsExactly("rh-0");
        JsonNode receive = aws.bodies(RECEIVE).get(0);
        assertThat(receive.get("QueueUrl").asText()).isEqualTo(QUEUE);
        assertThat(receive.get("VisibilityTimeout").asInt()).isEqualTo(900);
        assertThat(log.toString()).contains("launched job job-1 on EMR cluster j-1");
        assertThat(new JobStatusStore(instance).get("job-1").state()).isEqualTo(JobStatus.State.ACCEPTED);
    }

    @Test
    void shouldLaunchAMergeSpecFromTheQueueWithTheMergeMainAndRejectOneMergeJobRefuses() throws Exception {
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1\"}"));
        String merge = """
                {"id":"merge-1","db":"s3a://bucket/db","namespace":"Market","table":"Trades","partitionColumnValue":"2024-01-02"}""";
        String notAMergeSpec = """
                {"id":"merge-2","namespace":"Market","tableName":"Trades","partitionValue":"2024-01-02"}""";

        assertThat(poll(JobKind.MERGE, merge, notAMergeSpec)).containsExactly(QueueListener.Result.LAUNCHED,
                QueueListener.Result.REJECTED);

        JsonNode step = aws.bodies(RUN_JOB_FLOW).get(0).at("/Steps/0/HadoopJarStep/Args");
        List<String> args = new java.util.ArrayList<>();
        step.forEach(a -> args.add(a.asText()));
        assertThat(args).containsSubsequence("--class", "sediment.spark.merge.MergeMain");
        assertThat(args.subList(args.size() - 5, args.size())).containsExactly("--instance", instance.root(), "--platform", "emr",
                instance.path("jobs/merge-1.json"));
        JobStatus accepted = new JobStatusStore(instance).get("merge-1");
        assertThat(accepted.kind()).isEqualTo("merge");
        assertThat(accepted.tableName()).isEqualTo("Market.Trades");
        assertThat(accepted.platform()).isEqualTo("emr");
        assertThat(new JobStatusStore(instance).get("6d1d1f3c-0000-4000-8000-000000000001").reason())
                .contains("unknown field 'tableName'");
    }

    @Test
    void shouldRejectAnInvalidMessageWithAReasonInTheStatusAndDeleteIt() throws Exception {
        assertThat(poll("{\"tableName\":\"my-table\"}", "not json")).containsExactly(QueueListener.Result.REJECTED,
                QueueListener.Result.REJECTED);

        assertThat(aws.requests(RUN_JOB_FLOW)).isEmpty();
        assertThat(deletedReceipts()).containsExactly("rh-0", "rh-1");
        JobStatus missingFiles = new JobStatusStore(instance).get("6d1d1f3c-0000-4000-8000-000000000000");
        assertThat(missingFiles.state()).isEqualTo(JobStatus.State.REJECTED);
        assertThat(missingFiles.reason()).contains("files");
        assertThat(new JobStatusStore(instance).get("6d1d1f3c-0000-4000-8000-000000000001").reason())
                .startsWith("message 6d1d1f3c-0000-4000-8000-000000000001 line 1, column ");
    }

    @Test
    void shouldRejectAJobForAMissingTableUnderItsOwnId() throws Exception {
        assertThat(poll("{\"id\":\"job-9\",\"tableName\":\"nope\",\"files\":[\"f\"]}"))
                .containsExactly(QueueListener.Result.REJECTED);

        JobStatus status = new JobStatusStore(instance).get("job-9");
        assertThat(status.reason()).startsWith("Table 'nope' does not exist");
        assertThat(deletedReceipts()).containsExactly("rh-0");
    }

    @Test
    void shouldRecordAJobThatAwsRefusesAsRejected() throws Exception {
        aws.answer(RUN_JOB_FLOW, error(400, "ValidationException", "The subnet does not exist"));

        assertThat(poll(JOB)).containsExactly(QueueListener.Result.REJECTED);

        assertThat(new JobStatusStore(instance).get("job-1").reason()).contains("The subnet does not exist");
        assertThat(deletedReceipts()).containsExactly("rh-0");
    }

    @Test
    void shouldLaunchAMessageDeliveredTwiceOnlyOnce() throws Exception {
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1\"}"));

        assertThat(poll(JOB, JOB)).containsExactly(QueueListener.Result.LAUNCHED, QueueListener.Result.DUPLICATE);
        assertThat(poll(JOB)).containsExactly(QueueListener.Result.DUPLICATE);

        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
        assertThat(deletedReceipts()).containsExactly("rh-0", "rh-1", "rh-0");
    }

    @Test
    void shouldGiveAJobWithoutAnIdTheMessageIdSoARedeliveryIsTheSameJob() throws Exception {
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1\"}"));
        String noId = "{\"tableName\":\"my-table\",\"files\":[\"bucket/dir/\"]}";

        assertThat(poll(noId)).containsExactly(QueueListener.Result.LAUNCHED);
        assertThat(poll(noId)).containsExactly(QueueListener.Result.DUPLICATE);

        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
        assertThat(aws.bodies(RUN_JOB_FLOW).get(0).get("Name").asText())
                .isEqualTo("sleeper-test-bulk-import-6d1d1f3c-0000-4000-8000-000000000000");
    }

    @Test
    void shouldKeepAThrottledJobOnTheQueueForLater() throws Exception {
        aws.answer(RUN_JOB_FLOW, error(400, "ThrottlingException", "Rate exceeded"));

        assertThat(poll(JOB)).containsExactly(QueueListener.Result.RETRY_LATER);

        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(3);
        assertThat(deletedReceipts()).isEmpty();
        assertThat(aws.bodies(CHANGE_VISIBILITY).get(0).get("VisibilityTimeout").asInt()).isEqualTo(60);
        assertThat(new JobStatusStore(instance).get("job-1").state()).isEqualTo(JobStatus.State.ACCEPTED);

        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-2\"}"));
        assertThat(poll(JOB)).containsExactly(QueueListener.Result.LAUNCHED);
    }

    @Test
    void shouldKeepAMessageWhoseLaunchHadNoAnswerAndFindTheClusterLater() throws Exception {
        aws.answer(RUN_JOB_FLOW, com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));

        assertThat(poll(JOB)).containsExactly(QueueListener.Result.RETRY_LATER);
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
        assertThat(deletedReceipts()).isEmpty();

        // Redelivered before the claim is stale: the first attempt may still be launching.
        assertThat(poll(JOB)).containsExactly(QueueListener.Result.RETRY_LATER);

        // Redelivered after the visibility timeout: the cluster did start, so it is found, not launched again.
        backdateClaim("job-1", Duration.ofMinutes(20));
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[{\"Id\":\"j-FOUND\",\"Name\":\"sleeper-test-bulk-import-job-1\"}]}"));
        int launches = aws.requests(RUN_JOB_FLOW).size();

        assertThat(poll(JOB)).containsExactly(QueueListener.Result.FOUND_LAUNCHED);
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(launches);
        assertThat(deletedReceipts()).containsExactly("rh-0");
        assertThat(new SubmissionStore(instance).find("job-1").orElseThrow().launchedOn()).contains("j-FOUND");
    }

    @Test
    void shouldLaunchAStaleClaimThatNeverReachedThePlatform() throws Exception {
        instance = TestInstances.create(dir, "");
        new SubmissionStore(instance).claim("job-1", Platform.EMR);
        backdateClaim("job-1", Duration.ofMinutes(20));
        aws.answer(LIST_CLUSTERS, ok("{\"Clusters\":[]}"));
        aws.answer(RUN_JOB_FLOW, ok("{\"JobFlowId\":\"j-1\"}"));

        assertThat(poll(JOB)).containsExactly(QueueListener.Result.LAUNCHED);
        assertThat(aws.requests(RUN_JOB_FLOW)).hasSize(1);
    }

    private void backdateClaim(String jobId, Duration age) throws Exception {
        SubmissionStore.Submission claim = new SubmissionStore(instance).find(jobId).orElseThrow();
        SubmissionStore.Submission older = new SubmissionStore.Submission(claim.jobId(), claim.platform(),
                Instant.now().minus(age).toString(), null);
        instance.storage().write(Storage.join(instance.path("submissions"), jobId + ".json"), Json.MAPPER.writeValueAsBytes(older));
    }
}
