package sediment.submit.it;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.SparkException;
import org.apache.spark.deploy.SparkSubmit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.submit.EmrRequests;
import sediment.submit.LaunchPlan;
import sediment.submit.Platform;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real bulk import through YARN in cluster deploy mode, as an EMR step runs it: an in-process
 * {@link MiniYARNCluster} (one resource manager, one node manager whose containers are real JVMs on this machine)
 * and Spark's own {@code SparkSubmit}, given the arguments {@link EmrRequests#sparkStep} builds ({@code
 * --deploy-mode cluster --master yarn --class ... --conf ... <jar> --instance <instance> <job.json>}) with only the
 * jar's S3 URI replaced by the locally built shaded jar. The driver runs in the YARN application master's
 * container and the executor in a second one, both from the shaded jar plus the Spark and Hadoop jars of this
 * test's class path; afterwards the table holds every input row. A job that fails fails the application and
 * spark-submit, which is what fails an EMR step.
 *
 * <p>What stands in for the EMR cluster: {@code YARN_CONF_DIR} (set by the build, and on the class path as
 * {@code bin/spark-submit} puts it) holds a {@code yarn-site.xml} naming the resource manager; the node's
 * {@code spark-defaults.conf} is a file given with {@code --properties-file} before the step's arguments (so the
 * step's own {@code --conf} still win) holding where the Spark jars are ({@code spark.yarn.jars} as {@code local:}
 * paths, so nothing is copied), small containers, and {@code JAVA_HOME}. The shared file system is this machine's:
 * a {@code file:} instance, which a real cluster could not read, works here because every container runs on this
 * machine. Not covered: S3 ({@code s3a://} instance and jar), EMR's own Spark build and bootstrap action, several
 * nodes.
 */
class YarnClusterSubmitTest {
    private static final String CLUSTER_NAME = "YarnClusterSubmitTest";
    private static final String JAR_URI = "s3://jars/sediment-spark-jobs-all.jar";
    private static final String INSTANCE_PROPERTIES = """
            sleeper.id=yarn-test
            sleeper.bulk.import.jar.uri=%s
            """.formatted(JAR_URI);
    private static MiniYARNCluster yarn;

    @TempDir
    Path dir;

    @BeforeAll
    static void startYarn() throws Exception {
        long start = System.nanoTime();
        Path yarnConfDir = yarnConfDir();
        Files.createDirectories(yarnConfDir);
        Files.deleteIfExists(yarnConfDir.resolve("yarn-site.xml"));  // a previous run's cluster
        YarnConfiguration conf = new YarnConfiguration();
        // hadoop-client-minicluster carries no capacity-scheduler.xml: one queue with everything.
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        // One node manager with room for the application master and one executor (1 GB containers each).
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.set("fs.defaultFS", "file:///");
        // No container runs when the cluster stops: no need to wait 6 s for them to be killed.
        conf.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 100);
        conf.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 100);
        yarn = new MiniYARNCluster(CLUSTER_NAME, 1, 1, 1);
        yarn.init(conf);
        yarn.start();
        assertThat(yarn.waitForNodeManagersToConnect(30_000)).as("node manager registered").isTrue();

        // What a client of this cluster needs (as /etc/hadoop/conf/yarn-site.xml on an EMR node): where the
        // resource manager is. The resource manager publishes its ports shortly after start() returns.
        Configuration client = new Configuration(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String key : List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
                YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_WEBAPP_ADDRESS)) {
            while (yarn.getConfig().get(key, ":0").endsWith(":0") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            client.set(key, yarn.getConfig().get(key));
        }
        try (var out = Files.newOutputStream(yarnConfDir.resolve("yarn-site.xml"))) {
            client.writeXml(out);
        }
        System.out.printf("MiniYARNCluster started: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * YARN_CONF_DIR, which the build sets and puts on the test class path, as bin/spark-submit does; spark-submit
     * refuses {@code --master yarn} without it (or HADOOP_CONF_DIR) and ships its files to the application master.
     */
    private static Path yarnConfDir() {
        String dir = System.getenv("YARN_CONF_DIR");
        if (dir == null) {
            throw new IllegalStateException("YARN_CONF_DIR is not set: run this test through Maven (spark-submit-tests/pom.xml"
                    + " sets it and puts it on the test class path, as bin/spark-submit does)");
        }
        return Path.of(dir);
    }

    /**
     * Stops the cluster, waiting at most 5 s: the node manager's log handler alone then waits 10 s for the deletion
     * of the container logs it has scheduled 3 h ahead (yarn.nodemanager.log.retain-seconds; a shorter one would
     * delete the logs this test reads). By then every container has ended; the rest of the stop goes on in a daemon
     * thread and ends with this test JVM.
     */
    @AfterAll
    static void stopYarn() throws InterruptedException {
        if (yarn != null) {
            Thread stop = new Thread(yarn::stop, "stop MiniYARNCluster");
            stop.setDaemon(true);
            stop.start();
            stop.join(5_000);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void bulkImportRunsThroughYarnClusterModeFromTheEmrStepsArguments() throws Exception {
        SubmitFixture fixture = new SubmitFixture(dir, INSTANCE_PROPERTIES);
        List<SubmitFixture.Row> rows = fixture.writeInput(3, 700, 42);
        LaunchPlan plan = fixture.plan("""
                {"id":"yarn-job-1","tableName":"my-table","files":["%s"]}""".formatted(fixture.inputDir().toUri()),
                Platform.EMR);
        fixture.writeJobSpec(plan);

        long start = System.nanoTime();
        Submission submission = submit(emrStepArguments(plan));
        System.out.printf("YARN cluster-mode bulk import: %.1f s%n", (System.nanoTime() - start) / 1e9);

        ApplicationReport app = submission.app();
        assertThat(submission.failure()).as("spark-submit failed; %s", containerLogs(app)).isNull();
        assertThat(app.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
        assertThat(app.getFinalApplicationStatus()).as(containerLogs(app)).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        assertThat(app.getApplicationType()).isEqualTo("SPARK");
        assertThat(app.getName()).as("named after the job id").isEqualTo("yarn-job-1");
        // The driver ran in the application master's container (its stdout has the job's summary) and the
        // executor in a second one; Spark 3.5 itself gave both JVMs the Java 17 --add-opens options.
        assertThat(containerFile(app, 1, "stdout")).contains("yarn-job-1");
        for (int container : new int[] {1, 2}) {
            assertThat(containerFile(app, container, "launch_container.sh"))
                    .contains(container == 1 ? "org.apache.spark.deploy.yarn.ApplicationMaster" : "YarnCoarseGrainedExecutorBackend")
                    .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        }

        TableState state = fixture.instance.table(SubmitFixture.TABLE).state();
        assertThat(state.committedJobIds()).containsExactly("yarn-job-1");
        assertThat(state.files().values()).extracting(FileReference::partitionId)
                .containsExactlyInAnyOrder("p00", "p01", "p10", "p11");
        assertThat(state.totalRows()).isEqualTo(rows.size());
        List<SubmitFixture.Row> committed = new ArrayList<>();
        for (FileReference file : state.files().values()) {
            List<SubmitFixture.Row> inFile = SubmitFixture.readRows(file.path());
            assertThat(inFile).as("sorted by key: %s", file.path()).isSortedAccordingTo(Comparator.comparingLong(SubmitFixture.Row::key));
            assertThat(inFile).hasSize((int) file.rows());
            committed.addAll(inFile);
        }
        assertThat(committed).containsExactlyInAnyOrderElementsOf(rows);

        JobStatus status = new JobStatusStore(fixture.instance).get("yarn-job-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.rows()).isEqualTo(rows.size());
        assertThat(status.files()).isEqualTo(4);
        assertThat(status.platform()).as("the platform the step was planned for").isEqualTo("emr");
    }

    /** A job that fails in the driver fails the YARN application and spark-submit, and so the EMR step. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFailedJobFailsSparkSubmitAndTheApplication() throws Exception {
        SubmitFixture fixture = new SubmitFixture(dir, INSTANCE_PROPERTIES);
        Files.createDirectories(fixture.inputDir());
        LaunchPlan plan = fixture.plan("""
                {"id":"yarn-job-2","tableName":"my-table","files":["%s"]}""".formatted(fixture.inputDir().toUri()),
                Platform.EMR);
        fixture.writeJobSpec(plan);

        long start = System.nanoTime();
        Submission submission = submit(emrStepArguments(plan));
        System.out.printf("YARN cluster-mode failing job: %.1f s%n", (System.nanoTime() - start) / 1e9);

        ApplicationReport app = submission.app();
        assertThat(submission.failure()).as(containerLogs(app)).isInstanceOf(SparkException.class)
                .hasMessageContaining(app.getApplicationId().toString()).hasMessageContaining("failed");
        assertThat(app.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
        assertThat(containerFile(app, 1, "stderr")).contains("error: Bulk import job yarn-job-2 rejected", "holds no .parquet files");
        assertThat(fixture.instance.table(SubmitFixture.TABLE).state().files()).isEmpty();
        JobStatus status = new JobStatusStore(fixture.instance).get("yarn-job-2");
        assertThat(status.state()).isEqualTo(JobStatus.State.FAILED);
        assertThat(status.reason()).contains("holds no .parquet files");
    }

    /**
     * The arguments of the step {@link EmrRequests#sparkStep} builds, without the leading spark-submit and with the
     * locally built jar for the jar's S3 URI, after {@code --properties-file} with this cluster's defaults.
     */
    private List<String> emrStepArguments(LaunchPlan plan) throws IOException {
        List<String> step = EmrRequests.sparkStep(plan, ActionOnFailure.TERMINATE_CLUSTER).hadoopJarStep().args();
        assertThat(step.subList(0, 5)).containsExactly("spark-submit", "--deploy-mode", "cluster", "--master", "yarn");
        List<String> args = new ArrayList<>(List.of("--properties-file", clusterSparkDefaults().toString()));
        args.addAll(step.subList(1, step.size()));
        int jar = args.indexOf(JAR_URI);
        assertThat(jar).as("the step's jar %s in %s", JAR_URI, step).isEqualTo(args.size() - 6);  // then the 5 contract arguments
        args.set(jar, SubmitFixture.sparkJobsJar().toUri().toString());
        return args;
    }

    /** What an EMR node's spark-defaults.conf provides, for this machine and this YARN cluster. */
    private Path clusterSparkDefaults() throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.yarn.jars", sparkAndHadoopJars());
        conf.put("spark.yarn.populateHadoopClasspath", "false");  // Hadoop's client jars are among spark.yarn.jars
        conf.put("spark.yarn.stagingDir", dir.resolve("staging").toUri().toString());
        conf.put("spark.yarn.maxAppAttempts", "1");
        conf.put("spark.yarn.submit.waitAppCompletion", "true");
        conf.put("spark.yarn.report.interval", "500ms");
        conf.put("spark.yarn.scheduler.heartbeat.interval-ms", "1000");
        conf.put("spark.driver.memory", "512m");
        conf.put("spark.executor.memory", "512m");
        conf.put("spark.executor.instances", "1");
        conf.put("spark.executor.cores", "1");
        conf.put("spark.ui.enabled", "false");
        // Short-lived JVMs on a small machine: C1 only and one GC thread start faster than the defaults.
        conf.put("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        conf.put("spark.executor.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        String javaHome = System.getProperty("java.home");
        conf.put("spark.yarn.appMasterEnv.JAVA_HOME", javaHome);
        conf.put("spark.executorEnv.JAVA_HOME", javaHome);
        conf.put("spark.yarn.appMasterEnv.SPARK_LOCAL_IP", "127.0.0.1");
        conf.put("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
        Path file = dir.resolve("cluster-spark-defaults.conf");
        Files.writeString(file, conf.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The jars a Spark-on-YARN installation provides (Spark, Scala, Hadoop's client, Parquet, Jackson, ...), taken
     * from this test's class path, as {@code local:} URIs: the containers run on this machine and read them in place.
     */
    private static String sparkAndHadoopJars() {
        List<String> notOnACluster = List.of("/hadoop-client-minicluster/", "/io/fabric8/kubernetes-server-mock/",
                "/io/fabric8/mockwebserver/", "/com/squareup/okhttp3/mockwebserver/", "/org/junit/", "/junit/junit/",
                "/org/assertj/", "/org/opentest4j/", "/org/apiguardian/", "/software/amazon/", "/info/picocli/",
                "/dev/sediment/", "/org/bouncycastle/", "/javax/xml/bind/", "/surefire");
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> notOnACluster.stream().noneMatch(entry::contains))
                .filter(entry -> !new File(entry).getName().startsWith("sediment-"))
                .map(entry -> "local:" + new File(entry).getAbsolutePath())
                .collect(Collectors.joining(","));
    }

    /** What a spark-submit run left: its exception, if it threw one, and the YARN application it started. */
    private record Submission(Throwable failure, ApplicationReport app) {
    }

    private static Submission submit(List<String> args) throws Exception {
        try (YarnClient client = YarnClient.createYarnClient()) {
            client.init(yarn.getConfig());
            client.start();
            Set<ApplicationId> before = client.getApplications().stream().map(ApplicationReport::getApplicationId)
                    .collect(Collectors.toSet());
            Throwable failure = null;
            java.util.Properties properties = (java.util.Properties) System.getProperties().clone();
            try {
                new SparkSubmit().doSubmit(args.toArray(String[]::new));
            } catch (Exception e) {
                failure = e;
            } finally {
                System.setProperties(properties);
            }
            List<ApplicationReport> started = client.getApplications().stream()
                    .filter(app -> !before.contains(app.getApplicationId())).toList();
            if (started.size() != 1) {
                throw new AssertionError("expected one new YARN application, found " + started, failure);
            }
            return new Submission(failure, started.get(0));
        }
    }

    /** A file of container n of the application's first attempt (1 is the application master), from the node manager's log dir. */
    private static String containerFile(ApplicationReport app, int container, String name) throws IOException {
        String suffix = String.format("_01_%06d", container);
        try (Stream<Path> files = workDirFiles()) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> p.toString().contains("logDir") && p.toString().contains(app.getApplicationId().toString()))
                    .filter(p -> p.getParent().getFileName().toString().endsWith(suffix))
                    .toList();
            assertThat(found).as("%s of container %d", name, container).hasSize(1);
            return Files.readString(found.get(0));
        }
    }

    /**
     * The files under the cluster's work directory. YARN deletes a finished application's local
     * directories while we look, so directories that vanish mid-walk are skipped, not errors.
     */
    private static Stream<Path> workDirFiles() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        Files.walkFileTree(yarn.getTestWorkDir().toPath(), new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                files.add(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return files.stream();
    }

    /** Every container's files (launch script, stdout, stderr, ...) of the application, for failure messages. */
    private static String containerLogs(ApplicationReport app) {
        StringBuilder sb = new StringBuilder("container logs of ").append(app.getApplicationId()).append(":\n");
        try (Stream<Path> files = workDirFiles()) {
            for (Path p : files.filter(p -> p.toString().contains("logDir") && p.toString().contains(app.getApplicationId().toString())
                    && Files.isRegularFile(p)).sorted().toList()) {
                String text = Files.readString(p);
                sb.append("==== ").append(p).append('\n')
                        .append(text.length() > 20_000 ? "..." + text.substring(text.length() - 20_000) : text).append('\n');
            }
        } catch (IOException e) {
            sb.append("(cannot read container logs: ").append(e).append(")");
        }
        return sb.toString();
    }
}
