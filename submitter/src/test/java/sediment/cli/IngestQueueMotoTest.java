package sediment.cli;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.parquet.DataFileSettings;
import sediment.core.row.Row;
import sediment.core.schema.Schema;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.MotoExtension;
import sediment.core.testutil.MotoServer;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;
import sediment.ingest.parquet.RowFiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's ingest queue against moto's SQS: send, then a listener on the local platform runs the ingest itself. */
@ExtendWith(MotoExtension.class)
class IngestQueueMotoTest {
    @TempDir
    Path tmp;

    @Test
    void aListenerTakesIngestJobsFromTheQueueAndRunsThemInItsOwnProcess(MotoServer moto) throws Exception {
        moto.reset();
        SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY,
                        MotoServer.SECRET_KEY))).build();
        String queue = sqs.createQueue(b -> b.queueName("sediment-ingest-jobs")).queueUrl();
        TempInstance instance = TempInstance.create(tmp);
        Files.writeString(instance.dir().resolve(Instance.PROPERTIES_FILE), "sleeper.ingest.job.queue.url=" + queue + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        instance.createTable("t", TestSchemas.LONG_KEY, 100L);
        Schema schema = TestSchemas.longKey();
        Path input = tmp.resolve("in/a.parquet");
        Files.createDirectories(input.getParent());
        try (var w = RowFiles.writer(LocalStorage.qualify(input), schema,
                new DataFileSettings("snappy", 1 << 20, 1 << 16, false, false, false), Map.of(), new Configuration())) {
            for (long i = 0; i < 500; i++) {
                w.write(Row.builder(schema).set("key", i).set("value", "v" + i).build());
            }
        }
        Path job = tmp.resolve("job.json");
        Files.writeString(job, "{\"id\": \"queued-ingest\", \"tableName\": \"t\", \"files\": [\"" + input + "\"]}");
        String[] aws = {"--instance", instance.root(), "--region", MotoServer.REGION, "--endpoint-url", moto.endpoint()};
        // The command line takes credentials from the SDK's default chain, whose first link is these system properties.
        System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
        try {
            sendAndListen(job, aws, queue, sqs, instance);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private void sendAndListen(Path job, String[] aws, String queue, SqsClient sqs, TempInstance instance) {

        Cli.Result refused = Cli.run(concat(new String[]{"queue", "send", job.toString(), "--kind", "ingest", "--platform", "emr"}, aws));
        assertThat(refused.userError()).contains("a standard ingest runs without Spark, in this process (--platform local) or as an ECS Fargate task");

        Cli.run(concat(new String[]{"queue", "send", job.toString(), "--kind", "ingest", "--platform", "local"}, aws)).succeeded();
        Cli.Result listened = Cli.run(concat(new String[]{"queue", "listen", "--kind", "ingest", "--platform", "local", "--once",
                "--wait-seconds", "1"}, aws));

        assertThat(listened.exitCode()).as("%s", listened).isZero();
        assertThat(Instance.open(instance.root()).table("t").state().totalRows()).isEqualTo(500);
        JobStatus status = new JobStatusStore(Instance.open(instance.root())).get("queued-ingest");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.kind()).isEqualTo("ingest");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages()).as("the queue is empty").isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
