package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.row.Row;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job's files are read several at a time; every row lands once, and a file that cannot be read fails the job whole. */
class IngestJobRunnerTest {
    @TempDir
    Path dir;

    static final Schema FLAT = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("name", PrimitiveType.STRING), new Field("d", PrimitiveType.DOUBLE)));

    @Test
    void ingestsEveryRowOfEveryFileOnceWhenFilesAreReadTogether() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        Table table = f.table("t", FLAT, List.of(0L, 1000L));
        List<Row> all = new ArrayList<>();
        List<String> files = new ArrayList<>();
        int[] sizes = {3000, 0, 17, 12_000, 1, 5000};
        for (int i = 0; i < sizes.length; i++) {
            List<Row> rows = rows(i * 100_000L, sizes[i]);
            all.addAll(rows);
            files.add(f.inputFile("f" + i + ".parquet", FLAT, rows).toString());
        }
        List<String> seen = new ArrayList<>();
        IngestProgress progress = new IngestProgress() {
            @Override
            public void fileRead(String file, long rowsRead) {
                seen.add(file);
            }
        };

        IngestResult result = new IngestJobRunner(f.instance, new Configuration())
                .run(new BulkImportJob("many-files", "t", files, Map.of(), Map.of("sleeper.ingest.memory.max.batch.size", "2500"),
                        null), "local", progress).result();

        assertThat(result.rows()).isEqualTo(all.size());
        assertThat(counts(f.readCommitted(table))).as("each row once").isEqualTo(counts(all));
        assertThat(seen).hasSize(files.size());
    }

    @Test
    void aFileWhosePagesCannotBeDecodedFailsTheJobAndLeavesTheTableAsItWas() throws Exception {
        IngestFixture f = new IngestFixture(dir);
        f.table("t", FLAT, List.of(0L));
        String good = f.inputFile("good.parquet", FLAT, rows(0, 4000)).toString();
        Path bad = f.inputFile("bad.parquet", FLAT, rows(10_000, 4000));
        try (RandomAccessFile raf = new RandomAccessFile(bad.toFile(), "rw")) {
            // Past the magic number, inside the first page: the footer (what validation reads) stays intact.
            raf.seek(8);
            raf.write(new byte[64]);
        }

        assertThatThrownBy(() -> new IngestJobRunner(f.instance, new Configuration()).run(new BulkImportJob("doomed", "t",
                List.of(good, bad.toString()), Map.of(), Map.of(), null), "local", IngestProgress.NONE))
                .isInstanceOf(SedimentException.class)
                .hasMessageStartingWith("Ingest job doomed failed reading ")
                .hasMessageContaining("bad.parquet; nothing was committed: ");
        assertThat(f.dataFiles("t")).isEmpty();
        assertThat(Instance.open(f.instance.root()).table("t").state().version()).isEqualTo(1);
    }

    /** Rows with how often each occurs: comparing these is linear, where AssertJ's any-order check is quadratic. */
    private static Map<Row, Long> counts(List<Row> rows) {
        return rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting()));
    }

    private static List<Row> rows(long from, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long key = (from + i) * 7919 % 2000 - 500;
            rows.add(Row.ofTrusted(new Object[]{key, i % 9 == 0 ? null : "n" + (from + i), (double) i}));
        }
        return rows;
    }
}
