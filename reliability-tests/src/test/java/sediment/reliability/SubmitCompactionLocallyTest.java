package sediment.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.job.BulkImportJob;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.table.FileReference;
import sediment.spark.bulkimport.BulkImportJobRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compaction spec through {@code sediment submit --kind compact --platform local}, in a JVM of its own as the
 * launcher runs it: CompactionMain runs under the job contract, compacts, and records the job FINISHED.
 */
class SubmitCompactionLocallyTest {
    static final int ROWS = 5_000;

    @TempDir
    Path dir;

    @Test
    void shouldCompactASpecSubmittedToTheLocalPlatformAndRecordItFinished() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        for (String prefix : new String[]{"a", "b"}) {
            new BulkImportJobRunner(Fixture.spark(), Instance.open(f.root())).run(new BulkImportJob("imp-" + prefix, "t",
                    List.of(f.input(prefix, ROWS).toString()), Map.of(), Map.of(), null), "test");
        }
        Set<String> all = Fixture.union(Fixture.values("a", ROWS), Fixture.values("b", ROWS));
        Path spec = dir.resolve("compact.json");
        Files.writeString(spec, """
                {"id": "compact-t-1", "tableName": "t", "minFiles": 2,
                 "sparkConf": {"spark.ui.enabled": "false", "spark.driver.host": "127.0.0.1"}}
                """);

        Cli cli = Cli.run(dir, Map.of(), "submit", spec.toString(), "--kind", "compact", "--platform", "local",
                "--instance", f.root());

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.output()).contains("Job compact-t-1 compacted 8 leaves of table t: 16 files into 8, 10,000 rows",
                "Submitted job compact-t-1 to local");
        assertThat(f.state("t").files().values()).extracting(FileReference::partitionId).doesNotHaveDuplicates().hasSize(8);
        f.assertIntact("t", all);
        JobStatus status = new JobStatusStore(Instance.open(f.root())).get("compact-t-1");
        assertThat(status.state()).isEqualTo(JobStatus.State.FINISHED);
        assertThat(status.kind()).isEqualTo("compact");
        assertThat(status.platform()).isEqualTo("local");
        assertThat(status.rows()).isEqualTo(10_000L);
    }
}
