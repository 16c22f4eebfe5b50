package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.job.JobKind;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.submit.FakeAws.error;
import static sediment.submit.FakeAws.ok;

/** ECS's answers that moto does not give: throttling, an error answer, and a RunTask that started nothing. */
class EcsWireTest {
    private static final String RUN_TASK = "AmazonEC2ContainerServiceV20141113.RunTask";
    private static final String ECS = "sleeper.ingest.task.definition.family=sleeper-sediment-ingest\n";
    private static final String TASK = "arn:aws:ecs:eu-west-2:123456789012:task/sleeper-test-ingest-cluster/0a1b2c";

    @TempDir
    Path dir;
    final FakeAws aws = new FakeAws();

    @AfterEach
    void stop() {
        aws.close();
    }

    private Submitter.Outcome submit(Instance instance, int maxAttempts) {
        SubmittedJob job = SubmittedJob.read(JobKind.INGEST, "job.json",
                "{\"id\":\"ingest-1\",\"tableName\":\"my-table\",\"files\":[\"s3a://b/in/\"]}".getBytes(StandardCharsets.UTF_8), null);
        try (Launchers launchers = new Launchers(aws.clients(maxAttempts))) {
            return new Submitter(new LaunchPlanner(instance, Map.of()), launchers, false).submit(job, Platform.ECS);
        }
    }

    @Test
    void shouldRetryAThrottledRunTaskWithTheSameClientToken() throws Exception {
        Instance instance = TestInstances.create(dir, ECS);
        aws.answerFirst(RUN_TASK, 2, error(400, "ThrottlingException", "Rate exceeded"),
                ok("{\"tasks\":[{\"taskArn\":\"" + TASK + "\"}],\"failures\":[]}"));

        Submitter.Outcome outcome = submit(instance, 4);

        assertThat(outcome.launchedOn()).isEqualTo("ECS task " + TASK + " on cluster sleeper-test-ingest-cluster");
        assertThat(aws.bodies(RUN_TASK)).hasSize(3);
        assertThat(aws.bodies(RUN_TASK).stream().map(b -> b.get("clientToken").asText()).distinct().toList())
                .as("ECS starts one task for one token, however often the request arrives")
                .singleElement().asString().hasSize(64);
        JsonNode body = aws.bodies(RUN_TASK).get(0);
        assertThat(body.at("/networkConfiguration/awsvpcConfiguration/subnets").toString()).isEqualTo("[\"subnet-1\",\"subnet-2\"]");
        assertThat(body.at("/networkConfiguration/awsvpcConfiguration/assignPublicIp").asText()).isEqualTo("DISABLED");
        assertThat(body.at("/networkConfiguration/awsvpcConfiguration").has("securityGroups"))
                .as("none set: the VPC's default group").isFalse();
        assertThat(body.at("/overrides/cpu").asText()).isEqualTo("2048");
        assertThat(body.at("/overrides/memory").asText()).isEqualTo("4096");
    }

    @Test
    void shouldRecordTheJobRejectedWhenEcsStartsNothingAndLetItBeSubmittedAgain() throws Exception {
        Instance instance = TestInstances.create(dir, ECS);
        aws.answer(RUN_TASK, ok("{\"tasks\":[],\"failures\":[{\"reason\":\"RESOURCE:MEMORY\",\"detail\":\"no capacity\"}]}"));

        assertThatThrownBy(() -> submit(instance, 2))
                .isInstanceOf(SedimentException.class)
                .hasMessage("ECS started no task for job ingest-1 on cluster sleeper-test-ingest-cluster: RESOURCE:MEMORY no capacity");

        JobStatus status = new JobStatusStore(instance).get("ingest-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.REJECTED);
        assertThat(status.reason()).contains("RESOURCE:MEMORY");
        assertThat(new SubmissionStore(instance).find("ingest-1")).as("the id is free to submit again").isEmpty();
        aws.answer(RUN_TASK, ok("{\"tasks\":[{\"taskArn\":\"" + TASK + "\"}],\"failures\":[]}"));
        assertThat(submit(instance, 2).launchedOn()).startsWith("ECS task " + TASK);
    }

    @Test
    void shouldReportEcsRefusingTheTaskDefinition() throws Exception {
        Instance instance = TestInstances.create(dir, ECS);
        aws.answer(RUN_TASK, error(400, "ClientException", "Unable to describe task definition."));

        assertThatThrownBy(() -> submit(instance, 2))
                .isInstanceOf(AwsFailure.class)
                .hasMessage("Cannot start an ECS task for job ingest-1 on cluster sleeper-test-ingest-cluster: AWS answered"
                        + " ClientException: Unable to describe task definition. (request id req-ClientException)");

        assertThat(aws.requests(RUN_TASK)).hasSize(1);
        assertThat(new JobStatusStore(instance).get("ingest-1").state()).isEqualTo(JobStatus.State.REJECTED);
        assertThat(new SubmissionStore(instance).find("ingest-1")).isEmpty();
    }
}
