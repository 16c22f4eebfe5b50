package sediment.spark.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.table.TableState;
import sediment.spark.TestSpark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compaction benchmark ends with the same table twice: compacted from several imports, and imported at once. */
class CompactionBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void timesACompactionOfSeveralImportsAgainstOneImportOfTheSameRows() {
        StringWriter text = new StringWriter();
        CompactionBenchmark bench = new CompactionBenchmark(TestSpark.session(), dir, new PrintWriter(text, true));

        List<CompactionBenchmark.Timing> timings = bench.run(5_000, 3, 4, 1);
        bench.print(timings, 15_000, 4);

        assertThat(timings).extracting(CompactionBenchmark.Timing::route).containsExactly(
                "Sediment compaction (3 files per leaf)", "Sediment bulk import of the same rows");
        assertThat(timings).allSatisfy(t -> assertThat(t.medianSeconds()).isPositive());
        assertThat(text.toString()).contains("Compaction benchmark: 15,000 rows in 4 leaves", "× bulk import");
        Instance instance = Instance.open(dir.resolve("instance").toString());
        TableState compacted = instance.table("compacted0").state();
        TableState once = instance.table("once0").state();
        assertThat(compacted.totalRows()).isEqualTo(15_000).isEqualTo(once.totalRows());
        assertThat(compacted.files()).hasSize(4);
        assertThat(once.files()).hasSize(4);
    }
}
