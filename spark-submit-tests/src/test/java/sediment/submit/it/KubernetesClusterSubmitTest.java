package sediment.submit.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.apache.spark.deploy.SparkSubmit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sediment.submit.EksRequests;
import sediment.submit.LaunchPlan;
import sediment.submit.Platform;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spark's own {@code SparkSubmit} in Kubernetes cluster deploy mode, given exactly the arguments
 * {@link EksRequests#sparkSubmitArgs} builds for the EKS state machine's spark-submit pod, against a local
 * Kubernetes API server: fabric8's {@link KubernetesMockServer} in CRUD mode (it stores what is created and
 * answers reads, over plain HTTP on loopback). Three things differ from EKS, each replaced in the argument list:
 * the API server's URL (in the cluster, {@code https://kubernetes.default.svc}); the executor pod template's path
 * (the image has {@code k8s/executor-pod-template.yaml} at {@code /opt/spark/conf/}; here it is read from the
 * repository); and {@code spark.kubernetes.submission.waitAppCompletion}, false here because nothing will ever run
 * the pod.
 *
 * <p>What this proves: spark-submit accepts the arguments and creates the driver pod, named after the job id, in
 * the instance's namespace, as the driver service account, with the image, the CPU and memory the job's settings
 * ask for, the main class, jar and job arguments, and the executor pod template mounted for the driver to use.
 * What it does not: the mock server has no scheduler and no kubelet, so no pod ever runs: the image, the driver
 * creating executors from the template, RBAC and the job itself are not exercised here (YarnClusterSubmitTest runs
 * the job for real in YARN cluster mode).
 */
class KubernetesClusterSubmitTest {
    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/sediment:test";

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private KubernetesClient kubernetes;

    @BeforeEach
    void startApiServer() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ServerSideApplyCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        kubernetes = server.createClient();
    }

    @AfterEach
    void stopApiServer() {
        if (kubernetes != null) {
            kubernetes.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void sparkSubmitCreatesTheDriverPodTheEksArgumentsDescribe() throws Exception {
        SubmitFixture fixture = new SubmitFixture(dir, """
                sleeper.id=eks-test
                sleeper.bulk.import.eks.image=%s
                """.formatted(IMAGE));
        LaunchPlan plan = fixture.plan("""
                {"id":"eks-job-1","tableName":"my-table","files":["s3a://bucket/input/"],
                 "sparkConf":{"spark.kubernetes.driver.limit.cores":"1"}}""", Platform.EKS);
        String namespace = "sleeper-eks-test-bulk-import";
        Path podTemplate = Path.of(System.getProperty("sediment.test.executor-pod-template"));

        List<String> args = new ArrayList<>(EksRequests.sparkSubmitArgs(plan));
        replace(args, EksRequests.MASTER, "k8s://" + server.url("/").replaceAll("/$", ""));
        replace(args, "spark.kubernetes.executor.podTemplateFile=" + EksRequests.EXECUTOR_POD_TEMPLATE,
                "spark.kubernetes.executor.podTemplateFile=" + podTemplate);
        replace(args, "spark.kubernetes.submission.waitAppCompletion=true", "spark.kubernetes.submission.waitAppCompletion=false");

        long start = System.nanoTime();
        submit(args);
        System.out.printf("Kubernetes cluster-mode submission: %.1f s%n", (System.nanoTime() - start) / 1e9);

        // The driver pod: named after the job id, in the instance's namespace, as the driver service account.
        Pod pod = kubernetes.pods().inNamespace(namespace).withName("eks-job-1").get();
        assertThat(pod).as("driver pod eks-job-1 in %s; pods there: %s", namespace,
                kubernetes.pods().inAnyNamespace().list().getItems()).isNotNull();
        assertThat(pod.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(pod.getMetadata().getLabels()).containsEntry("spark-role", "driver").containsEntry("sediment-job-id", "eks-job-1");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("spark");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");

        // Its container: the image; the seed's EKS sizes (1 CPU; 7g memory + 1g overhead: Spark asks for and limits
        // memory to their sum) and the CPU limit from the job's sparkConf; the main class, jar and job arguments.
        assertThat(pod.getSpec().getContainers()).hasSize(1);
        Container driver = pod.getSpec().getContainers().get(0);
        assertThat(driver.getName()).isEqualTo("spark-kubernetes-driver");
        assertThat(driver.getImage()).isEqualTo(IMAGE);
        assertThat(driver.getResources().getRequests()).containsOnly(
                Map.entry("cpu", new Quantity("1")), Map.entry("memory", new Quantity("8192Mi")));
        assertThat(driver.getResources().getLimits()).containsOnly(
                Map.entry("cpu", new Quantity("1")), Map.entry("memory", new Quantity("8192Mi")));
        assertThat(driver.getArgs()).containsSubsequence("driver", "--class", "sediment.spark.bulkimport.BulkImportMain",
                "local:///opt/sediment/sediment-spark-jobs-all.jar", "--instance", fixture.instance.root(), "--platform", "eks",
                plan.jobUri());

        // The Spark settings the driver starts with (a config map mounted as spark.properties).
        Properties sparkProperties = driverSparkProperties(namespace, pod, driver);
        assertThat(sparkProperties).containsEntry("spark.kubernetes.driver.pod.name", "eks-job-1")
                .containsEntry("spark.kubernetes.namespace", namespace)
                .containsEntry("spark.kubernetes.authenticate.driver.serviceAccountName", "spark")
                .containsEntry("spark.kubernetes.container.image", IMAGE)
                .containsEntry("spark.kubernetes.executor.podNamePrefix", "eks-job-1")
                .containsEntry("spark.executor.instances", "3")
                .containsEntry("spark.executor.memory", "7g")
                .containsEntry("spark.executor.memoryOverhead", "1g")
                .containsEntry("spark.serializer", "org.apache.spark.serializer.KryoSerializer");

        // The executor pod template: k8s/executor-pod-template.yaml, in a config map mounted into the driver, whose
        // settings point at the mounted copy.
        String templatePath = sparkProperties.getProperty("spark.kubernetes.executor.podTemplateFile");
        assertThat(templatePath).isNotNull().isNotEqualTo(podTemplate.toString());
        VolumeMount templateMount = mountOf(driver, templatePath);
        Volume templateVolume = volume(pod, templateMount.getName());
        ConfigMap template = kubernetes.configMaps().inNamespace(namespace).withName(templateVolume.getConfigMap().getName()).get();
        assertThat(template.getData().values()).containsExactly(Files.readString(podTemplate));
        assertOwnedByDriver(template, pod);

        // The service executors reach the driver through, owned by the pod so that deleting the pod removes it.
        List<Service> services = kubernetes.services().inNamespace(namespace).list().getItems();
        assertThat(services).hasSize(1);
        assertThat(services.get(0).getSpec().getSelector()).containsEntry("spark-role", "driver");
        assertOwnedByDriver(services.get(0), pod);

        // Nothing else was created: no executors (only the driver, which never runs here, would create them) and no
        // Hadoop configuration (the EKS submit pod has no HADOOP_CONF_DIR, nor has this test).
        assertThat(kubernetes.pods().inAnyNamespace().list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactly("eks-job-1");
        assertThat(kubernetes.configMaps().inAnyNamespace().list().getItems()).hasSize(2);
    }

    /**
     * fabric8 6.7.2's CRUD mock answers a server-side apply (a PATCH of type application/apply-patch+yaml) of a
     * resource that does not exist yet with 404, where a real API server creates it. Spark 3.5 creates the driver's
     * service and config maps that way, so here such a PATCH becomes the POST that creates the resource; an apply to
     * an existing resource is left to the mock, which merges it.
     */
    static final class ServerSideApplyCrudDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String contentType = request.getHeader("Content-Type");
            if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.startsWith("application/apply-patch")) {
                String path = request.getPath().split("\\?", 2)[0];
                if (handleGet(path).getStatus().contains(" 404 ")) {
                    try (Socket loopback = new Socket()) {
                        loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                        Buffer body = request.getBody().clone();
                        return handleCreate(new RecordedRequest("POST " + path.substring(0, path.lastIndexOf('/')) + " HTTP/1.1",
                                request.getHeaders(), List.of(), body.size(), body, request.getSequenceNumber(), loopback));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return super.dispatch(request);
        }
    }

    private static void replace(List<String> args, String expected, String replacement) {
        int i = args.indexOf(expected);
        assertThat(i).as("the EKS arguments hold %s: %s", expected, args).isNotNegative();
        args.set(i, replacement);
    }

    private static void submit(List<String> args) {
        java.util.Properties before = (java.util.Properties) System.getProperties().clone();
        try {
            new SparkSubmit().doSubmit(args.toArray(String[]::new));
        } finally {
            System.setProperties(before);
        }
    }

    private Properties driverSparkProperties(String namespace, Pod pod, Container driver) throws Exception {
        VolumeMount mount = mountOf(driver, "/opt/spark/conf/spark.properties");
        ConfigMap conf = kubernetes.configMaps().inNamespace(namespace).withName(volume(pod, mount.getName()).getConfigMap().getName()).get();
        assertOwnedByDriver(conf, pod);
        Properties properties = new Properties();
        properties.load(new StringReader(conf.getData().get("spark.properties")));
        return properties;
    }

    /** The container's volume mount whose directory holds {@code path}. */
    private static VolumeMount mountOf(Container container, String path) {
        return container.getVolumeMounts().stream()
                .filter(m -> path.startsWith(m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError("no mount holds " + path + ": " + container.getVolumeMounts()));
    }

    private static Volume volume(Pod pod, String name) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + ": " + pod.getSpec().getVolumes()));
    }

    private static void assertOwnedByDriver(HasMetadata resource, Pod pod) {
        assertThat(resource.getMetadata().getOwnerReferences()).extracting(OwnerReference::getKind, OwnerReference::getName)
                .as("owner of %s", resource.getMetadata().getName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Pod", pod.getMetadata().getName()));
    }
}
