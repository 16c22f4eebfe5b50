package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.job.JobKind;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Standard ingest jobs on ECS against moto's ECS: each job is one Fargate task of the task definition in ecs/, checked
 * by asking moto what it recorded (ListTasks, DescribeTasks, and EC2's network interface), not by looking at the
 * requests sent.
 */
@ExtendWith(MotoExtension.class)
class EcsMotoTest {
    private static final String JOB = """
            {"id":"%s","tableName":"my-table","files":["s3a://bucket/input/"]}""";

    @TempDir
    Path dir;
    private MotoServer moto;
    private EcsMoto ecs;
    private String ecsProperties;

    @BeforeEach
    void pointAtMoto(MotoServer moto) throws Exception {
        moto.reset();
        this.moto = moto;
        ecs = new EcsMoto(moto);
        ecsProperties = ecs.setUp();
    }

    @AfterEach
    void close() {
        ecs.close();
    }

    private static SubmittedJob ingestJob(String id) {
        return SubmittedJob.read(JobKind.INGEST, "job.json", JOB.formatted(id).getBytes(StandardCharsets.UTF_8), null);
    }

    private static Submitter submitter(Instance instance, Launchers launchers) {
        return new Submitter(new LaunchPlanner(instance, Map.of()), launchers, false);
    }

    private Submitter.Outcome submit(Instance instance, SubmittedJob job) {
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            return submitter(instance, launchers).submit(job, Platform.ECS);
        }
    }

    @Test
    void shouldStartOneFargateTaskWhoseContainerRunsTheIngestOfTheJob() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties);

        Submitter.Outcome outcome = submit(instance, ingestJob("ingest-1"));

        List<Task> tasks = ecs.tasks();
        assertThat(tasks).hasSize(1);
        Task task = tasks.get(0);
        assertThat(outcome.launchedOn()).isEqualTo("ECS task " + task.taskArn() + " on cluster " + EcsMoto.CLUSTER);
        assertThat(task.clusterArn()).endsWith(":cluster/" + EcsMoto.CLUSTER);
        assertThat(task.taskDefinitionArn()).endsWith(":task-definition/" + EcsMoto.FAMILY + ":1");
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(task.startedBy()).isEqualTo("ingest-1");
        assertThat(task.overrides().cpu()).isEqualTo("1024");
        assertThat(task.overrides().memory()).isEqualTo("3072");
        ContainerOverride container = task.overrides().containerOverrides().get(0);
        assertThat(container.name()).as("the container of ecs/task-definition.json").isEqualTo("sediment-ingest");
        assertThat(container.command()).containsExactly("ingest", "--instance", instance.root(), "--platform", "ecs",
                instance.path("jobs/ingest-1.json"));
        assertThat(container.cpu()).isEqualTo(1024);
        assertThat(container.memory()).isEqualTo(3072);
        assertThat(task.tags()).extracting(Tag::key, Tag::value).contains(
                org.assertj.core.groups.Tuple.tuple("sediment-instance", "test"),
                org.assertj.core.groups.Tuple.tuple("sediment-job-id", "ingest-1"));
        Map<String, String> eni = task.attachments().get(0).details().stream()
                .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
        assertThat(eni.get("subnetId")).isEqualTo(ecs.defaultSubnet());
        assertThat(ecs.securityGroups(eni.get("networkInterfaceId"))).containsExactly(EcsMoto.SECURITY_GROUP);

        // What the container reads: the job as submitted, where its command says.
        JsonNode written = sediment.core.util.Json.MAPPER.readTree(Files.readString(
                Path.of(java.net.URI.create(instance.path("jobs/ingest-1.json")))));
        assertThat(written.get("id").asText()).isEqualTo("ingest-1");
        assertThat(written.get("tableName").asText()).isEqualTo("my-table");
        JobStatus status = new JobStatusStore(instance).get("ingest-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.ACCEPTED);
        assertThat(status.kind()).isEqualTo("ingest");
        assertThat(new SubmissionStore(instance).find("ingest-1").orElseThrow().launchedOn()).isEqualTo(outcome.launchedOn());
    }

    @Test
    void shouldStartNoSecondTaskForAJobIdSubmittedBefore() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties);
        submit(instance, ingestJob("ingest-2"));

        assertThatThrownBy(() -> submit(instance, ingestJob("ingest-2")))
                .isInstanceOf(AlreadyLaunchedException.class)
                .hasMessageStartingWith("Job ingest-2 was already submitted to ecs at ")
                .hasMessageContaining("and runs on ECS task arn:aws:ecs:");

        assertThat(ecs.tasks()).hasSize(1);
    }

    @Test
    void shouldFindTheTaskAnAttemptStartedButDidNotRecord() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties);
        SubmittedJob job = ingestJob("ingest-3");
        // An attempt that claimed the id and started the task, then died before recording where it runs.
        assertThat(new SubmissionStore(instance).claim(job.id(), Platform.ECS)).isEmpty();
        Submitter.Outcome outcome;
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            Submitter submitter = submitter(instance, launchers);
            String started = launchers.forPlatform(Platform.ECS).launch(submitter.plan(job, Platform.ECS));

            outcome = submitter.submit(job, Platform.ECS, Duration.ZERO);

            assertThat(outcome.earlier()).isTrue();
            assertThat(outcome.launchedOn()).isEqualTo(started);
        }
        assertThat(ecs.tasks()).hasSize(1);
        assertThat(new SubmissionStore(instance).find("ingest-3").orElseThrow().launchedOn()).isEqualTo(outcome.launchedOn());
    }

    @Test
    void shouldRefuseAMissingPropertyOrASizeFargateCannotRunAndStartNothing() throws Exception {
        Instance noTaskDefinition = TestInstances.create(dir.resolve("a"),
                ecsProperties.replace("sleeper.ingest.task.definition.family=", "# "));
        Instance badSize = TestInstances.create(dir.resolve("b"), ecsProperties + "sleeper.ingest.task.memory=1024\n");

        assertThatThrownBy(() -> submit(noTaskDefinition, ingestJob("ingest-4")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Instance property sleeper.ingest.task.definition.family is not set: "
                        + sediment.core.instance.SedimentProperties.INGEST_TASK_DEFINITION_FAMILY.description()
                        + " (see docs/platforms.md)");
        assertThatThrownBy(() -> submit(badSize, ingestJob("ingest-5")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Fargate cannot run a task of 1024 CPU units (sleeper.ingest.task.cpu) and 1024 MiB"
                        + " (sleeper.ingest.task.memory): with 1 vCPU Fargate runs 2 to 8 GB in 1 GB steps");

        assertThat(ecs.tasks()).isEmpty();
        assertThat(new SubmissionStore(noTaskDefinition).find("ingest-4")).isEmpty();
        assertThat(new SubmissionStore(badSize).find("ingest-5")).isEmpty();
    }

    @Test
    void shouldRunOnlyIngestJobsOnEcsAndIngestJobsOnlyWithoutSpark() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties);

        assertThatThrownBy(() -> submit(instance, TestInstances.job(JOB.formatted("bulk-1"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot submit bulk-import job bulk-1 to ecs: an ECS task runs standard ingest jobs (--kind ingest)"
                        + " only; a bulk-import needs Spark: use --platform emr, persistent-emr, eks or emr-serverless");
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            assertThatThrownBy(() -> submitter(instance, launchers).submit(ingestJob("ingest-6"), Platform.EMR_SERVERLESS))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Cannot submit ingest job ingest-6 to emr-serverless: a standard ingest runs without Spark, in"
                            + " this process (--platform local) or as an ECS Fargate task (--platform ecs)");
        }
        assertThat(ecs.tasks()).isEmpty();
    }

    @Test
    void shouldShowTheRunTaskRequestInADryRunAndSendNothing() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties + "sleeper.ingest.task.assign.public.ip=true\n");

        JsonNode dryRun = submitter(instance, null).dryRun(ingestJob("ingest-7"), Platform.ECS, MotoServer.REGION);

        assertThat(ecs.tasks()).isEmpty();
        assertThat(new SubmissionStore(instance).find("ingest-7")).isEmpty();
        assertThat(dryRun).hasSize(1);
        JsonNode runTask = dryRun.get(0);
        assertThat(runTask.get("operation").asText()).isEqualTo("AmazonEC2ContainerServiceV20141113.RunTask");
        assertThat(runTask.get("url").asText()).isEqualTo("https://ecs.eu-west-2.amazonaws.com/");
        JsonNode body = runTask.get("body");
        assertThat(body.get("cluster").asText()).isEqualTo(EcsMoto.CLUSTER);
        assertThat(body.get("taskDefinition").asText()).isEqualTo(EcsMoto.FAMILY);
        assertThat(body.get("launchType").asText()).isEqualTo("FARGATE");
        // Redacted like every *token* setting in what --dry-run prints; sent, it is the job's 64-character token.
        assertThat(body.has("clientToken")).isTrue();
        assertThat(body.at("/networkConfiguration/awsvpcConfiguration/assignPublicIp").asText()).isEqualTo("ENABLED");
        assertThat(body.at("/networkConfiguration/awsvpcConfiguration/securityGroups/0").asText()).isEqualTo(EcsMoto.SECURITY_GROUP);
        assertThat(body.at("/overrides/containerOverrides/0/command/0").asText()).isEqualTo("ingest");
        assertThat(body.at("/overrides/containerOverrides/0/command/5").asText()).isEqualTo(instance.path("jobs/ingest-7.json"));
    }

    @Test
    void shouldShowTheTasksStateAndWhereItsLogsAre() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties);
        submit(instance, ingestJob("ingest-8"));
        SubmissionStore.Submission submission = new SubmissionStore(instance).find("ingest-8").orElseThrow();
        String taskId = submission.launchedOn().replaceAll("ECS task \\S+/(\\S+) on cluster .*", "$1");

        PlatformView view;
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            view = new PlatformStatus(launchers, MotoServer.REGION, instance.properties()).ask("ingest-8", submission).orElseThrow();
        }

        assertThat(view.platform()).isEqualTo("ecs");
        assertThat(view.state()).startsWith("task ");
        assertThat(view.look()).containsExactly(
                "ECS console: https://eu-west-2.console.aws.amazon.com/ecs/v2/clusters/" + EcsMoto.CLUSTER + "/tasks/" + taskId
                        + "?region=eu-west-2",
                "logs: aws logs tail /sediment/ingest --log-stream-names sediment/sediment-ingest/" + taskId
                        + " --region eu-west-2 (add --follow while it runs)");
    }

    @Test
    void shouldStartATaskForEachIngestJobOnTheQueue() throws Exception {
        SqsClient sqs = EcsMoto.clients(moto).sqs();
        String queueUrl = sqs.createQueue(b -> b.queueName("sediment-ingest-jobs")).queueUrl();
        Instance instance = TestInstances.create(dir, ecsProperties + "sleeper.ingest.job.queue.url=" + queueUrl + "\n");
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(JOB.formatted("queued-ingest")));

        StringWriter log = new StringWriter();
        List<QueueListener.Result> results;
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            results = new QueueListener(sqs, queueUrl, submitter(instance, launchers), new JobStatusStore(instance),
                    Platform.ECS, JobKind.INGEST, Duration.ofSeconds(60), 1, Duration.ofSeconds(1), new PrintWriter(log)).pollOnce();
        }

        assertThat(results).as("%s", log).containsExactly(QueueListener.Result.LAUNCHED);
        assertThat(ecs.tasks()).extracting(Task::startedBy).containsExactly("queued-ingest");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).visibilityTimeout(0)).messages()).isEmpty();
    }

    @Test
    void shouldShowAStoppedTaskAsTheEndOfAJobThatRecordedNoOutcome() throws Exception {
        Instance instance = TestInstances.create(dir, ecsProperties);
        submit(instance, ingestJob("ingest-9"));
        SubmissionStore.Submission submission = new SubmissionStore(instance).find("ingest-9").orElseThrow();
        ecs.ecs().stopTask(r -> r.cluster(EcsMoto.CLUSTER).task(ecs.tasks().get(0).taskArn()).reason("stopped by an operator"));

        PlatformView view;
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            view = new PlatformStatus(launchers, MotoServer.REGION, instance.properties()).ask("ingest-9", submission).orElseThrow();
        }
        CombinedStatus combined = CombinedStatus.of(new JobStatusStore(instance).get("ingest-9"), view);

        assertThat(view.state()).isEqualTo("task STOPPED");
        assertThat(view.ended()).isTrue();
        assertThat(view.succeeded()).as("stopped by someone, not run to its end").isFalse();
        assertThat(view.reason()).startsWith("stopped by an operator");
        assertThat(combined.state()).isEqualTo("FAILED");
        assertThat(combined.reason()).startsWith("ecs ended the job: stopped by an operator");
    }
}
