package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.schema.SchemaSerDe;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.util.Json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** sediment submit and sediment emr, run as a user runs them. */
class SubmitCommandTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SedimentCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path instance(String properties) throws Exception {
        Path root = dir.resolve("instance");
        Instance.init(root.toString(), null);
        Files.writeString(root.resolve(Instance.PROPERTIES_FILE), """
                sleeper.id=test
                sleeper.bulk.import.jar.uri=s3://jars/sediment-spark-jobs-all.jar
                sleeper.bulk.import.emr.bootstrap.script.uri=s3://jars/emr-bootstrap/bootstrap.sh
                sleeper.bulk.import.eks.state.machine.arn=arn:aws:states:eu-west-2:123456789012:stateMachine:eks
                sleeper.bulk.import.eks.cluster.name=my-eks
                sleeper.bulk.import.eks.cluster.endpoint=https://eks.example
                sleeper.bulk.import.eks.cluster.certificate.authority=Q0E=
                sleeper.bulk.import.eks.image=repo/sediment:test
                """ + properties);
        Instance.open(root.toString()).createTable("my-table", SchemaSerDe.read("schema", """
                {"rowKeyFields":[{"name":"key","type":"LongType"}],"sortKeyFields":[],"valueFields":[]}""".getBytes()),
                List.of(), Map.of());
        return root;
    }

    private Path job(String json) throws Exception {
        Path file = dir.resolve("job-" + System.nanoTime() + ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldPrintTheExactRequestOfEachPlatformOnDryRun() throws Exception {
        Path root = instance("");
        Path job = job("{\"id\":\"job-1\",\"tableName\":\"my-table\",\"files\":[\"b/f\"]}");

        Result emr = run("submit", job.toString(), "--platform", "emr", "--dry-run", "--instance", root.toString(),
                "--region", "eu-west-2");
        Result persistent = run("submit", job.toString(), "--platform", "persistent-emr", "--dry-run", "--instance", root.toString(),
                "--region", "eu-west-2");
        Result eks = run("submit", job.toString(), "--platform", "eks", "--dry-run", "--instance", root.toString(),
                "--region", "eu-west-2");

        assertThat(emr.exit()).as(emr.err()).isZero();
        JsonNode emrRequests = Json.MAPPER.readTree(emr.out());
        assertThat(emrRequests).hasSize(1);
        assertThat(emrRequests.get(0).get("operation").asText()).isEqualTo("ElasticMapReduce.RunJobFlow");
        assertThat(emrRequests.get(0).get("url").asText()).isEqualTo("https://elasticmapreduce.eu-west-2.amazonaws.com/");
        assertThat(emrRequests.get(0).at("/body/Name").asText()).isEqualTo("sleeper-test-bulk-import-job-1");
        assertThat(emr.err()).startsWith("warning: the instance file:");

        assertThat(Json.MAPPER.readTree(persistent.out()).findValuesAsText("operation"))
                .containsExactly("ElasticMapReduce.ListClusters", "ElasticMapReduce.AddJobFlowSteps");
        JsonNode start = Json.MAPPER.readTree(eks.out()).get(0);
        assertThat(start.get("operation").asText()).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(start.at("/body/name").asText()).isEqualTo("job-1");
        assertThat(Files.exists(root.resolve("jobs"))).as("a dry run writes nothing").isFalse();
        assertThat(new JobStatusStore(Instance.open(root.toString())).all()).isEmpty();
    }

    @Test
    void shouldGiveOneLineErrorsForBadInput() throws Exception {
        Path root = instance("");
        Path job = job("{\"id\":\"job-1\",\"tableName\":\"my-table\",\"files\":[\"b/f\"],\"sparkConf\":{\"spark.executor.memory\":\"9g\"}}");

        Result platform = run("submit", job.toString(), "--platform", "mainframe", "--instance", root.toString());
        Result fargate = run("submit", job.toString(), "--platform", "eks", "--dry-run", "--instance", root.toString());
        Result local = run("submit", job.toString(), "--platform", "emr", "--instance", root.toString(), "--region", "eu-west-2");
        Result missing = run("submit", dir.resolve("nope.json").toString(), "--platform", "emr", "--instance", root.toString());

        assertThat(platform.exit()).isEqualTo(1);
        assertThat(platform.err()).isEqualTo("error: Unknown platform 'mainframe': use one of local, emr, persistent-emr, eks\n");
        assertThat(fargate.exit()).isEqualTo(1);
        assertThat(fargate.err()).startsWith("error: Cannot submit job job-1 to eks: The Spark executor asks Fargate for 1 vCPU")
                .hasLineCount(1);
        assertThat(local.err()).isEqualTo("error: Cannot submit job job-1 to emr: the instance file:" + root
                + " is on this machine, where the cluster cannot read it; use an s3a:// instance\n");
        assertThat(missing.err()).isEqualTo("error: Job file " + dir.resolve("nope.json") + " does not exist\n");
    }

    @Test
    void shouldRunALocalJobInThisProcessWithTheLayeredSparkSettings() throws Exception {
        Path root = instance("sleeper.default.bulk.import.spark.speculation.quantile=0.6\n");
        Path job = job("""
                {"id":"local-1","tableName":"my-table","files":["b/f"],"className":"sediment.submit.RecordingMain",
                 "sparkConf":{"spark.sql.shuffle.partitions":"7"}}""");

        Result result = run("submit", job.toString(), "--platform", "local", "--instance", root.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Submitted job local-1 to local: this process (Spark local[*])\n");
        String qualified = Instance.open(root.toString()).root();
        assertThat(sediment.submit.RecordingMainAccess.args())
                .containsExactly("--instance", qualified, qualified + "/jobs/local-1.json");
        assertThat(sediment.submit.RecordingMainAccess.sparkProperties())
                .containsEntry("spark.master", "local[*]").containsEntry("spark.app.name", "local-1")
                .containsEntry("spark.speculation.quantile", "0.6").containsEntry("spark.sql.shuffle.partitions", "7");
        assertThat(System.getProperty("spark.master")).as("system properties restored").isNull();
        assertThat(Files.readString(root.resolve("jobs/local-1.json"))).contains("\"id\" : \"local-1\"");
        assertThat(new JobStatusStore(Instance.open(root.toString())).get("local-1").state()).isEqualTo(JobStatus.State.ACCEPTED);
    }

    @Test
    void shouldLetAFailedLocalJobBeRunAgain() throws Exception {
        Path root = instance("");
        Path job = job("""
                {"id":"fail-1","tableName":"my-table","files":["b/f"],"className":"sediment.submit.RecordingMain"}""");

        Result first = run("submit", job.toString(), "--platform", "local", "--instance", root.toString());
        Result second = run("submit", job.toString(), "--platform", "local", "--instance", root.toString());

        assertThat(first.err()).isEqualTo("error: IllegalStateException: the job failed (run with --verbose for details)\n");
        assertThat(second.err()).isEqualTo(first.err());
    }

    @Test
    void shouldSayTheSparkJobIsMissingFromTheClassPath() throws Exception {
        Path root = instance("");
        Path job = job("{\"id\":\"job-1\",\"tableName\":\"my-table\",\"files\":[\"b/f\"]}");

        Result result = run("submit", job.toString(), "--platform", "local", "--instance", root.toString());

        assertThat(result.err()).isEqualTo("error: The Spark job class sediment.spark.bulkimport.BulkImportMain is not on the"
                + " class path: run 'sediment submit' through the ./sediment launcher, which adds spark-jobs\n");
    }

    @Test
    void shouldPrintThePersistentClusterRequestOnDryRun() throws Exception {
        Path root = instance("sleeper.bulk.import.persistent.emr.use.managed.scaling=false\n");

        Result result = run("emr", "create-persistent-cluster", "--dry-run", "--instance", root.toString(), "--region", "eu-west-2");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode requests = Json.MAPPER.readTree(result.out());
        assertThat(requests.findValuesAsText("operation")).containsExactly("ElasticMapReduce.ListClusters", "ElasticMapReduce.RunJobFlow");
        assertThat(requests.get(1).at("/body/Name").asText()).isEqualTo("sleeper-test-persistent-emr");
        assertThat(requests.get(1).at("/body/Instances/InstanceGroups/1/InstanceCount").asInt()).isEqualTo(1);
        assertThat(requests.get(1).has("ManagedScalingPolicy")).isFalse();
    }
}
