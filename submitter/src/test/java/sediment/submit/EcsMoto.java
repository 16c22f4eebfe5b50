package sediment.submit;

import sediment.core.testutil.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto's ECS (and the EC2 it places Fargate tasks' network interfaces in) set up as a user would: the cluster, the
 * task definition registered from ecs/task-definition.json as shipped, a subnet of moto's default VPC. The task
 * definition and the EC2 calls go as raw JSON and query requests, as the file is written for
 * {@code aws ecs register-task-definition --cli-input-json} and the SDK has no EC2 client here.
 */
public final class EcsMoto implements AutoCloseable {
    public static final String CLUSTER = "sleeper-test-ingest-cluster";
    public static final String FAMILY = "sleeper-sediment-ingest";
    public static final String SECURITY_GROUP = "sg-0123456789abcdef0";
    private static final Pattern SUBNET_ID = Pattern.compile("<subnetId>(subnet-[0-9a-f]+)</subnetId>");

    private final MotoServer moto;
    private final EcsClient ecs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EcsMoto(MotoServer moto) {
        this.moto = moto;
        this.ecs = clients(moto).ecs();
    }

    public static AwsClients clients(MotoServer moto) {
        return new AwsClients(Region.of(MotoServer.REGION), URI.create(moto.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)),
                ApacheHttpClient.builder().build(), 2, Duration.ofMillis(10));
    }

    public EcsClient ecs() {
        return ecs;
    }

    /** The cluster, the task definition from ecs/, and the instance properties that point at them and a real subnet. */
    public String setUp() throws IOException, InterruptedException {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        registerTaskDefinition();
        return "sleeper.ingest.task.definition.family=" + FAMILY + "\n"
                + "sleeper.subnets=" + defaultSubnet() + "\n"
                + "sleeper.ecs.security.groups=" + SECURITY_GROUP + "\n"
                + "sleeper.ingest.task.cpu=1024\n"
                + "sleeper.ingest.task.memory=3072\n";
    }

    public static Path taskDefinitionFile() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../ecs/task-definition.json").normalize();
    }

    private void registerTaskDefinition() throws IOException, InterruptedException {
        String body = Files.readString(taskDefinitionFile())
                .replace("<ACCOUNT_ID>", "123456789012").replace("<REGION>", MotoServer.REGION)
                .replace("<INGEST_TASK_ROLE>", "sediment-ingest-task").replace("<ECS_TASK_EXECUTION_ROLE>", "ecsTaskExecutionRole")
                .replace("<BUCKET>", "bucket");
        send("ecs", "application/x-amz-json-1.1", "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", body);
    }

    /** The first subnet of moto's default VPC: Fargate tasks need one that exists. */
    public String defaultSubnet() throws IOException, InterruptedException {
        Matcher m = SUBNET_ID.matcher(send("ec2", "application/x-www-form-urlencoded", null,
                "Action=DescribeSubnets&Version=2016-11-15"));
        if (!m.find()) {
            throw new IllegalStateException("moto's default VPC has no subnet");
        }
        return m.group(1);
    }

    /** The security groups of a network interface, as EC2 recorded them. */
    public List<String> securityGroups(String networkInterfaceId) throws IOException, InterruptedException {
        String xml = send("ec2", "application/x-www-form-urlencoded", null,
                "Action=DescribeNetworkInterfaces&Version=2016-11-15&NetworkInterfaceId.1=" + networkInterfaceId);
        List<String> groups = new ArrayList<>();
        Matcher m = Pattern.compile("<groupId>(sg-[0-9a-z]+)</groupId>").matcher(xml);
        while (m.find()) {
            groups.add(m.group(1));
        }
        return groups;
    }

    /** Every task on the cluster, running or stopped, with its tags. */
    public List<Task> tasks() {
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(ecs.listTasks(r -> r.cluster(CLUSTER).desiredStatus(status)).taskArns());
        }
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns).include(TaskField.TAGS)).tasks();
    }

    private String send(String service, String contentType, String target, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moto.endpoint() + "/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                // moto routes a request to a service by the credential scope of its signature, which it does not check.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + MotoServer.ACCESS_KEY + "/20260101/" + MotoServer.REGION
                        + "/" + service + "/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(service + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        ecs.close();
    }
}
