package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution input the submitter sends has every field the state machine in step-functions/ reads,
 * and the same shape as the input the state machine's own tests run with.
 */
class StateMachineContractTest {
    private static final Path STEP_FUNCTIONS = Path.of("../step-functions");

    @TempDir
    Path dir;

    private JsonNode input() throws Exception {
        Instance instance = TestInstances.create(dir, "");
        LaunchPlan plan = new LaunchPlanner(instance, Map.of()).plan(TestInstances.job("""
                {"id":"job-1","tableName":"my-table","files":["bucket/dir/"]}"""), Platform.EKS);
        return EksRequests.executionInput(plan);
    }

    @Test
    void shouldSendEveryFieldTheStateMachineReads() throws Exception {
        String definition = Files.readString(STEP_FUNCTIONS.resolve("bulk-import-eks.asl.json"));
        Set<String> paths = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\.([A-Za-z]+(?:\\.[A-Za-z]+)*)").matcher(definition);
        while (m.find()) {
            paths.add(m.group(1));
        }
        JsonNode input = input();
        // set by the states themselves, or (ResponseBody) read from a task's result by its ResultSelector
        Set<String> written = Set.of("error", "cleanUpError", "driver", "notification", "ResponseBody");

        assertThat(paths).contains("jobId", "cluster.name", "namespace", "image", "sparkSubmitArgs", "errorsTopicArn");
        for (String path : paths) {
            if (!written.contains(path.split("\\.")[0])) {
                assertThat(input.at("/" + path.replace('.', '/')).isMissingNode()).as("input field " + path).isFalse();
            }
        }
    }

    @Test
    void shouldHaveTheShapeOfTheStateMachineTestsInput() throws Exception {
        JsonNode fixture = Json.MAPPER.readTree(STEP_FUNCTIONS.resolve("test/execution-input.json").toFile());
        JsonNode input = input();

        assertThat(fieldNames(input)).isEqualTo(fieldNames(fixture));
        assertThat(fieldNames(input.get("cluster"))).isEqualTo(fieldNames(fixture.get("cluster")));
        assertThat(input.get("namespace")).isEqualTo(fixture.get("namespace"));
        assertThat(input.get("job")).isEqualTo(fixture.get("job"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
