package sediment.cli;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.parquet.DataFileSettings;
import sediment.core.row.Row;
import sediment.core.schema.Schema;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;
import sediment.ingest.parquet.RowFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** sediment ingest as a user runs it: a job file, progress, one commit, a rerun that changes nothing, bad input. */
class IngestCommandTest {
    @TempDir
    Path tmp;

    private static void input(Path file, Schema schema, long from, int rows) throws Exception {
        Files.createDirectories(file.getParent());
        try (var w = RowFiles.writer(LocalStorage.qualify(file), schema,
                new DataFileSettings("snappy", 1 << 20, 1 << 16, false, false, false), Map.of(), new Configuration())) {
            for (int i = 0; i < rows; i++) {
                w.write(Row.builder(schema).set("key", from + (i * 37L) % rows).set("value", "v" + (from + i)).build());
            }
        }
    }

    private static Map<Path, byte[]> files(Path dir) throws Exception {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/runs/")).toList()) {
                out.put(p, Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void ingestsAJobFileWithProgressAndAnswersARerunFromTheLog() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, 100L, 1000L);
        Schema schema = TestSchemas.longKey();
        input(tmp.resolve("in/a.parquet"), schema, 0, 1500);
        input(tmp.resolve("in/nested/b.parquet"), schema, 5000, 500);
        Path job = tmp.resolve("job.json");
        Files.writeString(job, "{\"id\": \"ing-1\", \"tableName\": \"t\", \"files\": [\"" + tmp.resolve("in") + "\"],"
                + " \"platformSpec\": {\"sleeper.ingest.memory.max.batch.size\": \"300\", \"sleeper.ingest.local.dir\": \""
                + tmp.resolve("local") + "\"}}");

        Cli.Result result = Cli.run("ingest", job.toString(), "--instance", instance.root()).succeeded();

        assertThat(result.out()).contains("progress: ", "sorted runs spilled", "Job ing-1 ingested 2,000 rows into");
        var state = Instance.open(instance.root()).table("t").state();
        assertThat(state.totalRows()).isEqualTo(2000);
        assertThat(state.version()).isEqualTo(2);
        JobStatus status = new JobStatusStore(Instance.open(instance.root())).get("ing-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.kind()).isEqualTo("ingest");
        assertThat(status.rows()).isEqualTo(2000);

        Cli.Result again = Cli.run("ingest", job.toString(), "--instance", instance.root()).succeeded();
        assertThat(again.out()).contains("was already committed");
        assertThat(new JobStatusStore(Instance.open(instance.root())).get("ing-1")).isEqualTo(status);
    }

    @Test
    void runsTheJobContractAnEcsTaskPassesIt() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, 100L);
        input(tmp.resolve("in/a.parquet"), TestSchemas.longKey(), 0, 300);
        Path job = tmp.resolve("instance-jobs/ecs-1.json");
        Files.createDirectories(job.getParent());
        Files.writeString(job, "{\"id\": \"ecs-1\", \"tableName\": \"t\", \"files\": [\"" + tmp.resolve("in") + "\"]}");

        // As the container's command is: ingest --instance URI --platform ecs JOB-URI
        Cli.Result result = Cli.run("ingest", "--instance", instance.root(), "--platform", "ecs", job.toUri().toString()).succeeded();
        String missing = Cli.run("ingest", "--instance", instance.root(), "--platform", "ecs",
                tmp.resolve("nowhere.json").toUri().toString()).userError();

        assertThat(result.out()).contains("Job ecs-1 ingested 300 rows into");
        JobStatus status = new JobStatusStore(Instance.open(instance.root())).get("ecs-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.platform()).isEqualTo("ecs");
        assertThat(missing).isEqualTo("Job file " + tmp.resolve("nowhere.json").toUri() + " does not exist");
    }

    @Test
    void refusesBadInputInOneLineAndLeavesTheTableAsItWas() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, 100L);
        Files.createDirectories(tmp.resolve("in"));
        Files.writeString(tmp.resolve("in/broken.parquet"), "not parquet");
        Path job = tmp.resolve("job.json");
        Files.writeString(job, "{\"id\": \"bad\", \"tableName\": \"t\", \"files\": [\"" + tmp.resolve("in") + "\", \""
                + tmp.resolve("missing") + "\"]}");
        Map<Path, byte[]> before = files(instance.tableDir("t"));

        String error = Cli.run("ingest", job.toString(), "--instance", instance.root()).userError();

        assertThat(error).startsWith("Ingest job bad rejected: 2 problems:").contains("does not exist", "broken.parquet");
        Map<Path, byte[]> after = files(instance.tableDir("t"));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((p, b) -> assertThat(b).as("%s", p).isEqualTo(before.get(p)));
        assertThat(List.of(Cli.run("ingest", "--help").exitCode())).containsExactly(0);
    }
}
