package sediment.spark.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.spark.TestSpark;

import java.io.IOException;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs its three routes on one input and imports into tables with the properties given. */
class BulkImportBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void timesEveryRouteAndPrintsTheRatios() throws IOException {
        StringWriter text = new StringWriter();
        BulkImportBenchmark bench = new BulkImportBenchmark(TestSpark.session(), dir, new PrintWriter(text, true));

        // The benchmark itself fails if the import does not commit every generated row.
        List<BulkImportBenchmark.Timing> timings = bench.run(20_000, 4, 1, 2,
                Map.of("sleeper.table.parquet.dictionary.encoding.value.fields", "true"));
        bench.print(timings, 20_000, 4);

        assertThat(timings).extracting(BulkImportBenchmark.Timing::route).containsExactly("straight copy (floor)",
                "Spark repartitionByRange + sort + write", "Sediment bulk import");
        assertThat(timings).allSatisfy(t -> assertThat(t.medianSeconds()).isPositive());
        assertThat(text.toString()).contains("run 1: copy", "× Spark", "Sediment bulk import",
                "sediment's Spark stages: mapPartitions ", "shuffle", "; collect");
        var table = Instance.open(dir.resolve("instance").toString()).table("bench0");
        assertThat(table.state().files()).hasSize(4);
        assertThat(table.properties()).containsEntry("sleeper.table.parquet.dictionary.encoding.value.fields", "true");
    }
}
