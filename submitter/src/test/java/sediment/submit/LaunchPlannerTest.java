package sediment.submit;

import sediment.core.job.JobKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.instance.SedimentProperties;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchPlannerTest {
    @TempDir
    Path dir;

    private LaunchPlan plan(Instance instance, String jobJson, Platform platform) {
        return new LaunchPlanner(instance, Map.of()).plan(TestInstances.job(jobJson), platform);
    }

    @Test
    void shouldTakeEachEmrSettingFromTheHighestLayerThatSetsIt() throws Exception {
        Instance instance = TestInstances.create(dir, """
                sleeper.default.bulk.import.emr.release.label=emr-7.1.0
                sleeper.default.bulk.import.emr.master.instance.type=m5.large
                sleeper.default.bulk.import.emr.executor.instance.type=m5.2xlarge
                sleeper.default.bulk.import.emr.executor.max.instances=5
                """, Map.of("sleeper.table.bulk.import.emr.executor.instance.type", "r5.4xlarge",
                "sleeper.table.bulk.import.emr.executor.max.instances", "8"));

        LaunchPlan plan = plan(instance, """
                {"id":"job-1","tableName":"my-table","files":["f"],
                 "platformSpec":{"sleeper.table.bulk.import.emr.executor.max.instances":"12"}}""", Platform.EMR);

        assertThat(plan.settings().get(SedimentProperties.EMR_RELEASE_LABEL)).isEqualTo("emr-7.1.0");        // instance
        assertThat(plan.settings().get(SedimentProperties.EMR_MASTER_INSTANCE_TYPE)).isEqualTo("m5.large");   // instance
        assertThat(plan.settings().get(SedimentProperties.EMR_EXECUTOR_INSTANCE_TYPE)).isEqualTo("r5.4xlarge"); // table
        assertThat(plan.settings().get(SedimentProperties.EMR_EXECUTOR_MAX_INSTANCES)).isEqualTo("12");       // job
        assertThat(plan.settings().get(SedimentProperties.EMR_EXECUTOR_INITIAL_INSTANCES)).isEqualTo("2");    // built-in
        assertThat(plan.jobUri()).isEqualTo(instance.path("jobs/job-1.json"));
    }

    @Test
    void shouldRejectTheKeyPairInAPlatformSpecAsInstanceOnly() throws Exception {
        Instance instance = TestInstances.create(dir, "");

        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-1","tableName":"my-table","files":["f"],"platformSpec":{"sleeper.bulk.import.keypair.name":"other"}}""",
                Platform.EMR))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot submit job job-1 to emr: platformSpec sets sleeper.bulk.import.keypair.name, which is an"
                        + " instance property only: it cannot be set per table or per job");
    }

    @Test
    void shouldRejectClusterSettingsForThePersistentCluster() throws Exception {
        Instance instance = TestInstances.create(dir, "");

        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-1","tableName":"my-table","files":["f"],
                 "platformSpec":{"sleeper.table.bulk.import.emr.executor.instance.type":"m5.large"}}""", Platform.PERSISTENT_EMR))
                .hasMessageContaining("the persistent EMR cluster is shared by every job and has no per-table or per-job cluster settings");
    }

    @Test
    void shouldAllowSparkSettingsInAPlatformSpecOnEveryPlatform() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        String job = """
                {"id":"job-1","tableName":"my-table","files":["f"],
                 "platformSpec":{"sleeper.table.bulk.import.spark.speculation":"false"}}""";

        // Every Spark platform: ECS runs standard ingest jobs only, without Spark.
        for (Platform platform : Platform.values()) {
            if (platform != Platform.ECS) {
                assertThat(plan(instance, job, platform).sparkConf()).containsEntry("spark.speculation", "false");
            }
        }
    }

    @Test
    void shouldRejectUnknownPlatformSpecPropertiesNamingTheAllowedOnes() throws Exception {
        Instance instance = TestInstances.create(dir, "");

        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-1","tableName":"my-table","files":["f"],"platformSpec":{"sleeper.table.bulk.import.emr.executor.count":"3"}}""",
                Platform.EKS))
                .hasMessage("Cannot submit job job-1 to eks: platformSpec sets unknown property"
                        + " sleeper.table.bulk.import.emr.executor.count (a job may set: sleeper.table.bulk.import.spark.speculation,"
                        + " sleeper.table.bulk.import.spark.speculation.quantile,"
                        + " sleeper.table.bulk.import.spark.shuffle.mapStatus.compression.codec)");
    }

    @Test
    void shouldRejectMoreInitialThanMaximumExecutors() throws Exception {
        Instance instance = TestInstances.create(dir, "");

        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-1","tableName":"my-table","files":["f"],
                 "platformSpec":{"sleeper.table.bulk.import.emr.executor.initial.instances":"11"}}""", Platform.EMR))
                .hasMessage("Cannot submit job job-1 to emr: sleeper.table.bulk.import.emr.executor.initial.instances (11) must be"
                        + " at least 1 and sleeper.table.bulk.import.emr.executor.max.instances (10) at least as large");
    }

    @Test
    void shouldRejectAJobForATableThatDoesNotExist() throws Exception {
        Instance instance = TestInstances.create(dir, "");

        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-1","tableName":"nope","files":["f"]}""", Platform.EMR))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Table 'nope' does not exist");
    }

    @Test
    void shouldRejectPodsFargateCannotRunOnEks() throws Exception {
        Instance instance = TestInstances.create(dir, "");

        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-1","tableName":"my-table","files":["f"],"sparkConf":{"spark.driver.memory":"20g"}}""", Platform.EKS))
                .hasMessageStartingWith("Cannot submit job job-1 to eks: The Spark driver asks Fargate for 1 vCPU");
    }

    @Test
    void shouldPlanAMergeSpecThatMergeJobAcceptsWithTheContractsArguments() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        SubmittedJob merge = SubmittedJob.read(JobKind.MERGE, "merge.json", """
                {"id":"merge-1","db":"s3a://bucket/db","namespace":"Market","table":"Trades",
                 "partitionColumnValue":"2024-01-02","sortColumnFormula":"Timestamp",
                 "sparkConf":{"spark.executor.cores":"2"}}""".getBytes(), null);
        // The spec the plan carries is one the merge job itself accepts.
        sediment.core.merge.MergeJob.read("stored", merge.json().getBytes());

        LaunchPlan plan = new LaunchPlanner(instance, Map.of()).plan(merge, Platform.EMR);

        assertThat(plan.job().mainClass()).isEqualTo("sediment.spark.merge.MergeMain");
        assertThat(plan.job().tableName()).isNull();
        assertThat(plan.sparkConf()).containsEntry("spark.executor.cores", "2").containsEntry("spark.app.name", "merge-1");
        assertThat(plan.applicationArguments("s3://jars/j.jar")).containsExactly("s3://jars/j.jar",
                "--instance", instance.root(), "--platform", "emr", instance.path("jobs/merge-1.json"));
        assertThat(plan.job().json()).contains("\"partitionColumnValue\" : \"2024-01-02\"");
    }

    @Test
    void shouldRefuseSecretsForEveryClusterPlatformAndNameWhatToUseInstead() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        String job = """
                {"id":"job-1","tableName":"my-table","files":["f"],
                 "sparkConf":{"spark.hadoop.fs.s3a.secret.key":"s3cr3t","spark.hadoop.fs.s3a.access.key":"AKIA1"}}""";

        assertThatThrownBy(() -> plan(instance, job, Platform.EMR)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot submit job job-1 to emr: sparkConf.spark.hadoop.fs.s3a.secret.key,"
                        + " sparkConf.spark.hadoop.fs.s3a.access.key hold secrets, which would be stored in the instance and"
                        + " sent in AWS requests; give the emr job its credentials through the cluster's EC2 instance profile"
                        + " or an EMR runtime role (see docs/platforms.md)")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> plan(instance, job, Platform.PERSISTENT_EMR)).hasMessageContaining("EMR runtime role");
        assertThatThrownBy(() -> plan(instance, job, Platform.EKS))
                .hasMessageContaining("IAM roles for service accounts (IRSA)");
        assertThatThrownBy(() -> plan(instance, """
                {"id":"job-2","tableName":"my-table","files":["f"],"platformSpec":{"fs.s3a.session.token":"t"}}""",
                Platform.EMR)).hasMessageContaining("platformSpec.fs.s3a.session.token holds a secret");
        assertThat(plan(instance, job, Platform.LOCAL).sparkConf())
                .as("in this process a secret is only a Spark setting").containsEntry("spark.hadoop.fs.s3a.secret.key", "s3cr3t");
    }

    @Test
    void shouldTakeSecretNamesForWhatTheyAre() {
        assertThat(java.util.List.of("spark.hadoop.fs.s3a.secret.key", "fs.s3a.access.key", "fs.s3a.session.token",
                "spark.hadoop.fs.s3a.bucket.b.secret.key", "javax.jdo.option.ConnectionPassword", "spark.ssl.keyPassword",
                "fs.azure.account.oauth2.client.credential", "spark.authenticate.secret")).allMatch(Secrets::isSecret);
        assertThat(java.util.List.of("spark.executor.memory", "spark.speculation", "fs.s3a.endpoint",
                "spark.hadoop.fs.s3a.aws.credentials.provider", "hadoop.security.credential.provider.path",
                "spark.hadoop.fs.s3a.delegation.token.binding")).noneMatch(Secrets::isSecret);
    }

    @Test
    void shouldLetAnIngestJobSetItsMemoryAndDiskBoundsWhereverItRuns() throws Exception {
        Instance instance = TestInstances.create(dir, "sleeper.ingest.task.definition.family=sleeper-sediment-ingest\n");
        String json = """
                {"id":"ingest-1","tableName":"my-table","files":["f"],
                 "platformSpec":{"sleeper.ingest.memory.max.batch.size":"500000","sleeper.ingest.local.dir":"/scratch"}}""";
        SubmittedJob ingest = SubmittedJob.read(sediment.core.job.JobKind.INGEST, "job.json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);

        for (Platform platform : java.util.List.of(Platform.LOCAL, Platform.ECS)) {
            // The ingest reads them from the job it is given (IngestSettings), which the plan carries unchanged.
            assertThat(new LaunchPlanner(instance, Map.of()).plan(ingest, platform).job().platformSpec())
                    .containsEntry("sleeper.ingest.memory.max.batch.size", "500000");
        }
        assertThatThrownBy(() -> plan(instance, json, Platform.LOCAL))
                .as("a bulk import has no such bounds")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("platformSpec sets sleeper.ingest.memory.max.batch.size, which a job cannot set");
    }
}
