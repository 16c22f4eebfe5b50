package sediment.reliability;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.merge.MergeLayout;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.storage.LocalStorage;
import sediment.spark.generate.IntradayGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merge spec through {@code sediment submit --kind merge --platform local}, in a JVM of its own as
 * the launcher runs it: the merge main runs under the job contract in the CLI's process, writes the
 * historical data, records the job FINISHED, exits 0, and leaves nothing in the working directory.
 */
class SubmitMergeLocallyTest {
    @TempDir
    Path dir;

    @Test
    void shouldMergeASpecSubmittedToTheLocalPlatformAndRecordItFinished() throws Exception {
        String db = dir.resolve("db").toString();
        IntradayGenerator.Written written = IntradayGenerator.write(Fixture.spark(),
                new IntradayGenerator.Spec(db, "Market", "Trades", "2024-01-02", 2000, 20, 2, 2, 7, false));
        Instance instance = Instance.init(dir.resolve("instance").toString(), null);
        Path spec = dir.resolve("merge.json");
        Files.writeString(spec, """
                {"id": "merge-trades-20240102", "db": "%s", "namespace": "Market", "table": "Trades",
                 "partitionColumnValue": "2024-01-02", "sortColumnFormula": "Timestamp",
                 "sparkConf": {"spark.ui.enabled": "false", "spark.driver.host": "127.0.0.1", "spark.sql.shuffle.partitions": "2"}}
                """.formatted(db));
        Path workDir = Files.createDirectories(dir.resolve("cwd"));

        Cli cli = Cli.run(workDir, Map.of(), "submit", spec.toString(), "--kind", "merge", "--platform", "local",
                "--instance", instance.root());

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.output()).contains("Merged Market.Trades partition 2024-01-02: 2,000 rows",
                "Submitted job merge-trades-20240102 to local: this process (Spark local[*])");
        MergeLayout layout = MergeLayout.at(db);
        long historicalRows = 0;
        for (int p = 0; p < 2; p++) {
            Path file = LocalStorage.toPath(layout.destinationFile("Market", p, "2024-01-02", "Trades"));
            if (!Files.exists(file)) {
                continue;
            }
            List<Row> rows = Fixture.spark().read().parquet(file.toString()).collectAsList();
            historicalRows += rows.size();
        }
        assertThat(historicalRows).isEqualTo(written.rows());
        JobStatus status = new JobStatusStore(Instance.open(instance.root())).get("merge-trades-20240102");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.kind()).isEqualTo("merge");
        assertThat(status.platform()).isEqualTo("local");
        assertThat(status.tableName()).isEqualTo("Market.Trades");
        assertThat(status.rows()).isEqualTo(2000L);
        try (var left = Files.list(workDir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("the working directory holds only the test's output file (no spark-warehouse/)")
                    .allMatch(name -> name.startsWith("cli-") && name.endsWith(".out"));
        }
    }
}
