package sediment.spark.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.spark.TestSpark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The read benchmark times its four routes on one imported table; the range query plans only the files it overlaps. */
class ReadBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void timesTheRangeQueryAndTheFullScanAgainstThePlainRead() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ReadBenchmark bench = new ReadBenchmark(TestSpark.session(), dir, new PrintStream(text, true, StandardCharsets.UTF_8));

        // The benchmark itself fails if the routes disagree on the rows they return.
        ReadBenchmark.Result result = bench.run(40_000, 8, 1, 0.01);
        bench.print(result, 40_000, 8, 0.01);

        assertThat(result.timings()).extracting(ReadBenchmark.Timing::route).containsExactly("Sediment data source, key range",
                "spark.read.parquet(files), key range", "Sediment data source, full scan", "spark.read.parquet(files), full scan");
        assertThat(result.range().tableFiles()).isEqualTo(8);
        assertThat(result.range().overlappingFiles()).isEqualTo(1);
        assertThat(result.range().plannedFiles()).isEqualTo(1);
        assertThat(result.timings().get(0).rows()).isBetween(300L, 500L);
        assertThat(result.timings().get(2).rows()).isEqualTo(40_000);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("run 1:", "× plain read", "the data source planned 1");
    }
}
