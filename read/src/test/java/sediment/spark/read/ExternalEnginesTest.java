package sediment.spark.read;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.table.FileReference;
import sediment.core.table.TableDescription;
import sediment.core.util.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The read contract for other engines (docs/table-format.md): {@code examples/read/read_committed.py} reads the
 * files that {@code table describe --json} lists with DuckDB and with pyarrow, and gets what the data source
 * reads, at the latest and an older version, with a stray file in the table's data directory. Needs python3
 * with duckdb and pyarrow ({@code pip install duckdb pyarrow}; {@code SEDIMENT_PYTHON} names another python).
 */
class ExternalEnginesTest {
    private static final String PYTHON = System.getenv().getOrDefault("SEDIMENT_PYTHON", "python3");
    private static final Path SCRIPT = Paths.get("..", "examples", "read", "read_committed.py").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeAll
    static void pythonWithDuckDbAndPyarrow() {
        assumeTrue(python("-c", "import duckdb, pyarrow") == 0, "skipped: '" + PYTHON
                + " -c \"import duckdb, pyarrow\"' failed; install them with 'pip install duckdb pyarrow' to run this test");
    }

    @Test
    void duckDbAndPyarrowReadTheListedFilesAsTheDataSourceDoes() throws Exception {
        ReadFixture f = new ReadFixture(dir);
        Table table = f.table("t", SedimentDataSourceTest.SCHEMA, List.of(100L, 200L, 300L));
        f.importRows(table, "job-a", SedimentDataSourceTest.rows("a", 0, 400), 2);
        f.importRows(table, "job-b", SedimentDataSourceTest.rows("b", 50, 350), 2);
        FileReference any = table.state().files().values().iterator().next();
        Path committed = Paths.get(URI.create(any.path().replace("file:", "file://")));
        Files.copy(committed, committed.resolveSibling("job-z.00000000000000000000.0.0.parquet"));

        Path latest = describe(table, table.state().version());
        Path older = describe(table, 2);

        for (String engine : List.of("duckdb", "pyarrow")) {
            assertThat(read(latest, engine)).as(engine).isEqualTo(expected(f, table, -1, null, null));
            assertThat(read(older, engine)).as(engine).isEqualTo(expected(f, table, 2, null, null));
            assertThat(read(latest, engine, "--min", "120", "--max", "150")).as(engine)
                    .isEqualTo(expected(f, table, -1, 120L, 150L));
        }
    }

    private Path describe(Table table, long version) throws IOException {
        Path out = dir.resolve("describe-" + version + ".json");
        Files.writeString(out, Json.MAPPER.writeValueAsString(TableDescription.json(table.log().stateAt(version))));
        return out;
    }

    /** What the data source reads: files planned, rows and the sum of keys, as the script prints them. */
    private static String expected(ReadFixture f, Table table, long version, Long min, Long max) {
        Dataset<Row> df = version < 0 ? f.read(table)
                : f.spark.read().format("sediment").option("versionAsOf", version).load(table.path());
        if (min != null) {
            df = df.filter(col("key").between(min, max));
        }
        Row r = df.groupBy().agg(org.apache.spark.sql.functions.count("*"), org.apache.spark.sql.functions.sum("key")).first();
        long sum = r.isNullAt(1) ? 0 : r.getLong(1);
        long v = version < 0 ? table.state().version() : version;
        return "duckdb|pyarrow v" + v + " files " + ReadFixture.plannedPaths(df).size() + " rows " + r.getLong(0) + " sum " + sum;
    }

    private static String read(Path description, String engine, String... range) throws Exception {
        List<String> args = new ArrayList<>(List.of(SCRIPT.toString(), description.toString(), "--engine", engine));
        args.addAll(List.of(range));
        String out = run(args);
        JsonNode n = Json.MAPPER.readTree(out);
        assertThat(n.get("engine").asText()).isEqualTo(engine);
        return "duckdb|pyarrow v" + n.get("version").asLong() + " files " + n.get("files").asInt() + " rows "
                + n.get("rows").asLong() + " sum " + n.get("keySum").asLong();
    }

    private static int python(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of(PYTHON));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.trim();
    }
}
