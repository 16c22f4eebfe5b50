package sediment.submit;

import org.apache.spark.deploy.SparkSubmit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spark-submit arguments the EMR step carries, given to Spark's own SparkSubmit entry point in
 * local mode (EMR runs them with --master yarn --deploy-mode cluster): Spark accepts them and the
 * application gets the main class, the Spark settings and the job's arguments.
 */
class SparkSubmitLocalTest {
    @TempDir
    Path dir;

    @Test
    void shouldRunTheStepsSparkSubmitArgumentsThroughSparkSubmit() throws Exception {
        Instance instance = TestInstances.create(dir, "sleeper.default.bulk.import.spark.speculation.quantile=0.6\n");
        Path jar = appJar(dir.resolve("app.jar"));
        LaunchPlan plan = new LaunchPlanner(instance, Map.of("spark.serializer", "org.apache.spark.serializer.KryoSerializer"))
                .plan(TestInstances.job("""
                        {"id":"job-1","tableName":"my-table","files":["f"],"className":"sediment.submit.sparkapp.ConfReportMain",
                         "sparkConf":{"spark.ui.enabled":"false","spark.driver.host":"127.0.0.1"}}"""), Platform.EMR);
        List<String> step = EmrRequests.sparkStep(plan, software.amazon.awssdk.services.emr.model.ActionOnFailure.CONTINUE)
                .hadoopJarStep().args();
        Files.createDirectories(Path.of(java.net.URI.create(plan.jobUri())).getParent());

        // The step's arguments, with YARN cluster mode swapped for local mode and the S3 jar for the local one.
        List<String> args = new ArrayList<>(step.subList(1, step.size()));
        args.set(args.indexOf("cluster"), "client");
        args.set(args.indexOf("yarn"), "local[2]");
        args.set(args.indexOf("s3://jars/sediment-spark-jobs-all.jar"), jar.toUri().toString());
        java.util.Properties before = (java.util.Properties) System.getProperties().clone();
        try {
            new SparkSubmit().doSubmit(args.toArray(String[]::new));
        } finally {
            System.setProperties(before);  // SparkSubmit sets spark.* system properties for the application
        }

        String report = Files.readString(Path.of(java.net.URI.create(plan.jobUri())).resolveSibling("report.txt"));
        assertThat(report).contains("args=[--instance, " + instance.root() + ", --platform, emr, " + plan.jobUri() + "]", "count=3",
                "spark.speculation=true", "spark.speculation.quantile=0.6", "spark.shuffle.mapStatus.compression.codec=lz4",
                "spark.serializer=org.apache.spark.serializer.KryoSerializer", "spark.app.name=job-1");
    }

    /** A jar holding the stand-in application, as spark-submit's primary resource. */
    private static Path appJar(Path jar) throws Exception {
        String entry = "sediment/submit/sparkapp/ConfReportMain.class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(entry));
            try (var in = SparkSubmitLocalTest.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jarOut);
            }
            jarOut.closeEntry();
        }
        return jar;
    }
}
