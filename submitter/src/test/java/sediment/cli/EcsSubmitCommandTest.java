package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.job.JobKind;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;
import sediment.core.util.Json;
import sediment.submit.EcsMoto;
import sediment.submit.LaunchPlanner;
import sediment.submit.Launchers;
import sediment.submit.Platform;
import sediment.submit.SubmissionStore;
import sediment.submit.SubmittedJob;
import sediment.submit.Submitter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code submit --kind ingest --platform ecs} and {@code status} as a user runs them, against moto's ECS. */
@ExtendWith(MotoExtension.class)
class EcsSubmitCommandTest {
    @TempDir
    Path tmp;
    private MotoServer moto;
    private EcsMoto ecs;
    private TempInstance instance;
    private Path job;

    @BeforeEach
    void setUp(MotoServer moto) throws Exception {
        moto.reset();
        this.moto = moto;
        ecs = new EcsMoto(moto);
        String properties = ecs.setUp();
        instance = TempInstance.create(tmp);
        Files.writeString(instance.dir().resolve(Instance.PROPERTIES_FILE), "sleeper.id=test\n" + properties, StandardOpenOption.APPEND);
        instance.createTable("t", TestSchemas.LONG_KEY, 100L);
        job = tmp.resolve("job.json");
        Files.writeString(job, "{\"id\": \"ingest-1\", \"tableName\": \"t\", \"files\": [\"s3a://bucket/in/\"]}");
        // The command line takes credentials from AWS's default chain, which reads these.
        System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        ecs.close();
    }

    private String[] aws() {
        return new String[]{"--instance", instance.root(), "--region", MotoServer.REGION, "--endpoint-url", moto.endpoint()};
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aMissingPropertyIsOneErrorLineAndStartsNoTask() throws Exception {
        Path props = instance.dir().resolve(Instance.PROPERTIES_FILE);
        Files.writeString(props, Files.readString(props).replace("sleeper.ingest.task.definition.family=", "# was: "));

        String error = Cli.run(concat(new String[]{"submit", job.toString(), "--kind", "ingest", "--platform", "ecs"}, aws()))
                .userError();

        assertThat(error).startsWith("Instance property sleeper.ingest.task.definition.family is not set: ");
        assertThat(ecs.tasks()).isEmpty();
        assertThat(new SubmissionStore(instance.reopen()).find("ingest-1")).isEmpty();
    }

    @Test
    void aDryRunPrintsTheRunTaskRequestAndSendsNothing() throws Exception {
        Cli.Result result = Cli.run(concat(new String[]{"submit", job.toString(), "--kind", "ingest", "--platform", "ecs",
                "--dry-run"}, aws()));

        assertThat(result.exitCode()).as("%s", result.err()).isZero();
        JsonNode requests = Json.MAPPER.readTree(result.out());
        assertThat(requests).hasSize(1);
        assertThat(requests.at("/0/operation").asText()).isEqualTo("AmazonEC2ContainerServiceV20141113.RunTask");
        assertThat(requests.at("/0/body/overrides/containerOverrides/0/command/0").asText()).isEqualTo("ingest");
        assertThat(result.err()).startsWith("warning: the instance file:").hasLineCount(1);
        assertThat(ecs.tasks()).isEmpty();
        assertThat(new SubmissionStore(instance.reopen()).find("ingest-1")).isEmpty();
    }

    @Test
    void statusShowsTheTaskAndWhereToLook() throws Exception {
        // The command line refuses to send ECS a local instance, which a task could not read (checked below): submit as
        // the other tests do.
        SubmittedJob submitted = SubmittedJob.read(JobKind.INGEST, job.toString(), Files.readAllBytes(job), null);
        try (Launchers launchers = new Launchers(EcsMoto.clients(moto))) {
            new Submitter(new LaunchPlanner(instance.reopen(), Map.of()), launchers, false).submit(submitted, Platform.ECS);
        }
        String refused = Cli.run(concat(new String[]{"submit", job.toString(), "--kind", "ingest", "--platform", "ecs"}, aws()))
                .userError();

        Cli.Result status = Cli.run(concat(new String[]{"status", "ingest-1"}, aws())).succeeded();

        assertThat(refused).isEqualTo("Cannot submit job ingest-1 to ecs: the instance " + instance.root() + " is on this"
                + " machine, where the task cannot read it; use an s3a:// instance");
        assertThat(ecs.tasks()).hasSize(1);
        assertThat(status.out().lines().findFirst().orElseThrow()).contains("ingest-1", "ingest", "platform=ecs");
        assertThat(status.out()).contains("  on the platform: ECS task arn:aws:ecs:eu-west-2:", " on cluster " + EcsMoto.CLUSTER + ": task ",
                "  ECS console: https://eu-west-2.console.aws.amazon.com/ecs/v2/clusters/" + EcsMoto.CLUSTER + "/tasks/",
                "  logs: aws logs tail /sediment/ingest --log-stream-names sediment/sediment-ingest/");
    }

    @Test
    void aListenerForEcsTakesIngestJobsOnlyAndLeavesTheQueueAloneOtherwise() throws Exception {
        software.amazon.awssdk.services.sqs.SqsClient sqs = EcsMoto.clients(moto).sqs();
        String queue = sqs.createQueue(b -> b.queueName("sediment-ingest-jobs")).queueUrl();
        Files.writeString(instance.dir().resolve(Instance.PROPERTIES_FILE), "sleeper.ingest.job.queue.url=" + queue + "\n",
                StandardOpenOption.APPEND);
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"id\": \"queued-1\", \"tableName\": \"t\", \"files\": [\"f\"]}"));

        String bulkImport = Cli.run(concat(new String[]{"queue", "listen", "--platform", "ecs", "--once", "--wait-seconds", "1"},
                aws())).userError();
        String onEmr = Cli.run(concat(new String[]{"queue", "listen", "--kind", "ingest", "--platform", "emr", "--once",
                "--wait-seconds", "1"}, aws())).userError();

        assertThat(bulkImport).isEqualTo("The ecs platform runs standard ingest jobs only: use --kind ingest (a bulk-import"
                + " needs Spark: use --platform emr, persistent-emr, eks or emr-serverless)");
        assertThat(onEmr).isEqualTo("Ingest jobs from sleeper.ingest.job.queue.url run without Spark, on --platform local or"
                + " ecs, not emr");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages()).as("the job is still queued")
                .hasSize(1);
        assertThat(ecs.tasks()).isEmpty();
    }
}
