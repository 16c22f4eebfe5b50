package sediment.spark.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.spark.TestSpark;

import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest benchmark runs its three routes on one input, the ingest in a small JVM of its own. */
class IngestBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void timesTheIngestInItsOwnJvmBesideTheBulkImportAndTheCopy() throws Exception {
        StringWriter text = new StringWriter();
        IngestBenchmark bench = new IngestBenchmark(TestSpark.session(), dir, new PrintWriter(text, true));

        List<IngestBenchmark.Timing> timings = bench.run(20_000, 4, 1, 2, "128m");
        bench.print(timings, 20_000, 4);

        assertThat(timings).extracting(IngestBenchmark.Timing::route).containsExactly("straight copy (floor)",
                "Sediment bulk import (Spark, in-process)", "Sediment standard ingest (-Xmx128m)");
        assertThat(timings).allSatisfy(t -> assertThat(t.medianSeconds()).isPositive());
        assertThat(timings).as("CPU time of each route, the ingest's read from its own JVM")
                .allSatisfy(t -> assertThat(t.medianCpuSeconds()).isPositive());
        assertThat(timings.get(2).peakHeapMiB()).isBetween(1L, 128L);
        assertThat(timings.get(2).peakAfterFullGcMiB()).as("live heap after a full collection, or none ran")
                .isBetween(-1L, timings.get(2).peakHeapMiB());
        assertThat(text.toString()).contains("× bulk import", "peak heap MiB", "peak live MiB", "CPU s");
        var ingested = Instance.open(dir.resolve("instance").toString()).table("ingest0").state();
        assertThat(ingested.totalRows()).isEqualTo(20_000);
        assertThat(ingested.files()).hasSize(4);
    }
}
