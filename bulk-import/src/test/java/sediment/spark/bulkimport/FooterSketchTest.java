package sediment.spark.bulkimport;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.split.AutoSplit;
import sediment.core.split.SketchFiles;
import sediment.core.table.FileReference;
import sediment.core.testutil.PythonParquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.LONG_KEY;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.dataFiles;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.longRows;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.longSplits;

/** Each file the import writes carries the key sketch of its rows in its own footer, and reads as any Parquet file does. */
class FooterSketchTest {
    @TempDir
    Path dir;

    @Test
    void recordsEachFilesKeySketchInItsFooterSoAutoSplitTakesTheMedianWithoutReadingTheFile() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, longSplits(6, 1000));
        // Keys 0..5999 once each, so each leaf's file holds 1,000 distinct keys and its median is known.
        List<Row> rows = new ArrayList<>();
        for (long k = 0; k < 6000; k++) {
            rows.add(BulkImportFixture.row(k, "v" + k));
        }
        java.util.Collections.shuffle(rows, new Random(13));
        f.run(f.job("sketched", "t", f.writeInput("a", LONG_KEY, rows, 2)));

        SketchFiles sketches = new SketchFiles(f.instance.storage(),
                new Configuration(), table.state().schema());
        assertThat(table.state().files()).hasSize(6);
        for (FileReference file : table.state().files().values()) {
            SketchFiles.Found found = sketches.sketchOf(file.path());
            assertThat(found.computed()).as("sketch of %s read from its footer", file.path()).isFalse();
            assertThat(found.sketch().rows()).isEqualTo(1000);
            long low = (Long) file.minRowKey().get(0);
            assertThat((Long) found.sketch().splitPoint(0).orElseThrow()).as("median of %d..%d", low, low + 999)
                    .isBetween(low + 480, low + 520);
        }
        assertThat(dataFiles(table)).as("nothing beside the data files").isEqualTo(table.state().files().keySet());

        AutoSplit.Plan plan = AutoSplit.plan(table.state(), 10, sketches);
        assertThat(plan.proposals()).hasSize(6).allSatisfy(p -> assertThat(p.sketchesComputed()).isZero());
    }

    @Test
    void aFileWithItsSketchInTheFooterReadsAsBeforeWithParquetMrSparkPyarrowAndDuckDb() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of());
        List<Row> rows = longRows(3000, 17, 100_000);
        f.run(f.job("readers", "t", f.writeInput("a", LONG_KEY, rows, 2)));
        FileReference file = table.state().files().values().iterator().next();
        long keySum = rows.stream().mapToLong(r -> r.getLong(0)).sum();

        // Spark (readCommitted), parquet-mr's example reader (the sketch computed from the rows) and both Python engines.
        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(new SketchFiles(f.instance.storage(), new Configuration(),
                table.state().schema()).compute(file.path()).rows()).isEqualTo(3000);
        PythonParquet.run("""
                import sys, duckdb, pyarrow.parquet as pq
                path, rows, key_sum = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
                t = pq.read_table(path)
                assert t.num_rows == rows, t.num_rows
                assert sum(t.column('key').to_pylist()) == key_sum
                assert b'sediment.key.sketch' in pq.read_metadata(path).metadata
                n, s = duckdb.sql(f"select count(*), sum(key) from read_parquet('{path}')").fetchone()
                assert (n, s) == (rows, key_sum), (n, s)
                """, java.nio.file.Path.of(new java.net.URI(file.path())).toString(), "3000", Long.toString(keySum));
    }
}
