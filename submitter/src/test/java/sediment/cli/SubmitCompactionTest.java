package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.schema.SchemaSerDe;
import sediment.core.util.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** submit --kind compact: a compaction spec launched under the job contract on every cluster platform. */
class SubmitCompactionTest {
    @TempDir
    Path dir;

    Path instance() throws Exception {
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
                """);
        Instance.open(root.toString()).createTable("my-table", SchemaSerDe.read("schema", """
                {"rowKeyFields":[{"name":"key","type":"LongType"}],"sortKeyFields":[],"valueFields":[]}""".getBytes()),
                List.of(), Map.of());
        return root;
    }

    Path spec(String json) throws Exception {
        Path file = dir.resolve("compact-" + System.nanoTime() + ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    @Test
    void launchesACompactionSpecWithItsOwnMainClassOnEveryClusterPlatform() throws Exception {
        Path root = instance();
        String qualified = Instance.open(root.toString()).root();
        Path spec = spec("{\"id\":\"compact-1\",\"tableName\":\"my-table\",\"minFiles\":4}");

        Cli.Result emr = Cli.run("submit", spec.toString(), "--kind", "compact", "--platform", "emr", "--dry-run",
                "--instance", root.toString(), "--region", "eu-west-2");
        Cli.Result persistent = Cli.run("submit", spec.toString(), "--kind", "compact", "--platform", "persistent-emr", "--dry-run",
                "--instance", root.toString(), "--region", "eu-west-2");
        Cli.Result eks = Cli.run("submit", spec.toString(), "--kind", "compact", "--platform", "eks", "--dry-run",
                "--instance", root.toString(), "--region", "eu-west-2");

        assertThat(emr.exitCode()).as(emr.err()).isZero();
        JsonNode flow = Json.MAPPER.readTree(emr.out()).get(0);
        assertThat(flow.at("/body/Name").asText()).isEqualTo("sleeper-test-compact-compact-1");
        List<String> step = strings(flow.at("/body/Steps/0/HadoopJarStep/Args"));
        assertThat(step).containsSubsequence("--class", "sediment.spark.compaction.CompactionMain");
        assertThat(step.subList(step.size() - 5, step.size())).containsExactly("--instance", qualified, "--platform", "emr",
                qualified + "/jobs/compact-1.json");
        assertThat(persistent.exitCode()).as(persistent.err()).isZero();
        assertThat(strings(Json.MAPPER.readTree(persistent.out()).get(1).at("/body/Steps/0/HadoopJarStep/Args")))
                .containsSubsequence("--class", "sediment.spark.compaction.CompactionMain");
        assertThat(eks.exitCode()).as(eks.err()).isZero();
        JsonNode input = Json.MAPPER.readTree(Json.MAPPER.readTree(eks.out()).get(0).at("/body/input").asText());
        assertThat(strings(input.get("sparkSubmitArgs"))).containsSubsequence("--class", "sediment.spark.compaction.CompactionMain");
        assertThat(input.get("kind").asText()).isEqualTo("compact");
    }

    @Test
    void refusesABadCompactionSpecBeforeLaunchingAnything() throws Exception {
        Path root = instance();
        Path spec = spec("{\"id\":\"compact-1\",\"minFiles\":1}");

        String error = Cli.run("submit", spec.toString(), "--kind", "compact", "--platform", "emr", "--dry-run",
                "--instance", root.toString(), "--region", "eu-west-2").userError();

        assertThat(error).startsWith(spec + ": ").contains("field 'tableName' is missing", "field 'minFiles' must be at least 2");
        assertThat(Files.exists(root.resolve("jobs"))).isFalse();
    }
}
