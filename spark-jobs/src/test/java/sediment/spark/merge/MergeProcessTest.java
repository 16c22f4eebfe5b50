package sediment.spark.merge;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sediment.core.run.HaltPoints;
import sediment.core.testutil.TestJvm;
import sediment.spark.cli.MergeCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static sediment.spark.merge.MergeFixture.DAY;
import static sediment.spark.merge.MergeFixture.NS;

/**
 * Merges in real processes, killed as kill -9 would (halt points) inside the commit, or racing each
 * other: what a user sees in the historical directories afterwards, and after {@code sediment merge --recover}.
 */
class MergeProcessTest {
    static final int WRITABLE = 2;

    @TempDir
    Path dir;

    /** A db with the definition of each table, and a first merge (seed 1 + i) of each as the old data. */
    MergeFixture db(String name, String[][] tablesAndValues) {
        MergeFixture f = new MergeFixture(dir.resolve(name));
        for (int i = 0; i < tablesAndValues.length; i++) {
            String table = tablesAndValues[i][0];
            f.define(NS, table, MergeFixture.definition(WRITABLE, null));
            MergeChild.merge(f.spark, f.db(), table, tablesAndValues[i][1], 100 + i, false).build().run();
        }
        return f;
    }

    /** Writable partition number to its rows, for every destination that holds a file. */
    static Map<Integer, List<Row>> historical(MergeFixture f, String table, String pv) {
        Map<Integer, List<Row>> out = new TreeMap<>();
        for (int n = 0; n < WRITABLE; n++) {
            if (Files.exists(f.historicalFile(NS, table, pv, n))) {
                out.put(n, f.readHistorical(NS, table, pv, n));
            }
        }
        return out;
    }

    /** What a finished merge of the seed gives, merged in this JVM into a db of its own. */
    Map<Integer, List<Row>> reference(String table, String pv, long seed) {
        MergeFixture f = new MergeFixture(dir.resolve("ref-" + table + "-" + pv + "-" + seed));
        f.define(NS, table, MergeFixture.definition(WRITABLE, null));
        MergeChild.merge(f.spark, f.db(), table, pv, seed, false).build().run();
        return historical(f, table, pv);
    }

    TestJvm child(String haltAt, String... args) throws Exception {
        List<String> jvm = new ArrayList<>(TestJvm.addOpensOfThisJvm());
        jvm.add("-Xmx512m");
        if (haltAt != null) {
            jvm.add("-D" + HaltPoints.PROPERTY + "=" + haltAt);
        }
        return TestJvm.start(dir.resolve("out"), jvm, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), MergeChild.class, args);
    }

    record Cli(int code, String out) {
    }

    static Cli recover(MergeFixture f, String table, String pv) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MergeCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.append("error: ").append(e.getMessage());
            return 1;
        });
        int code = cli.execute("--recover", NS, table, pv, "--db", f.db());
        return new Cli(code, out + err.toString());
    }

    /** Temporary and parked merge directories among the historical data. */
    static List<String> leftovers(MergeFixture f) throws Exception {
        try (Stream<Path> s = Files.walk(f.dir.resolve("Systems/" + NS + "/Partitions"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".merge-")).toList();
        }
    }

    @Test
    void shouldLeaveOldOrNewDataAfterAKillAnywhereInTheCommitAndRecoverIt() throws Exception {
        String[] points = {"merge.before-commit", "merge.outcome-written", "merge.replaced:0", "merge.moved:0", "merge.replaced:1",
                "merge.moved:1"};
        Map<Integer, List<Row>> newer = reference("Trades", DAY, 7);
        List<MergeFixture> dbs = new ArrayList<>();
        List<Map<Integer, List<Row>>> olders = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            dbs.add(db("halt" + i, new String[][]{{"Trades", DAY}}));
            olders.add(historical(dbs.get(i), "Trades", DAY));
            assertThat(olders.get(i)).isNotEqualTo(newer).containsOnlyKeys(0, 1);
        }
        // Three children at a time keep this quick on a small machine.
        for (int batch = 0; batch < points.length; batch += 3) {
            List<TestJvm> children = new ArrayList<>();
            for (int i = batch; i < Math.min(points.length, batch + 3); i++) {
                children.add(child(points[i], dbs.get(i).db(), "Trades", DAY, "7", Boolean.toString(i % 2 == 1)));
            }
            for (int i = batch; i < Math.min(points.length, batch + 3); i++) {
                TestJvm killed = children.get(i - batch);
                assertThat(killed.waitFor(90)).as(killed.output()).isEqualTo(HaltPoints.EXIT_CODE);
                assertThat(killed.output()).contains("halting at " + points[i]);
            }
        }
        for (int i = 0; i < points.length; i++) {
            String point = points[i];
            MergeFixture f = dbs.get(i);
            Map<Integer, List<Row>> older = olders.get(i);
            // Before recovery a reader sees, per writable partition, the old data, the new data or (while replaced) nothing.
            Map<Integer, List<Row>> seen = historical(f, "Trades", DAY);
            for (int n = 0; n < WRITABLE; n++) {
                assertThat(seen.get(n)).as(point + " partition " + n).isIn(older.get(n), newer.get(n), null);
            }

            Cli recovered = recover(f, "Trades", DAY);
            assertThat(recovered.code()).as(recovered.out()).isZero();
            assertThat(recovered.out()).startsWith("Recovered Market.Trades partition " + DAY + ":");
            boolean decided = !point.equals("merge.before-commit");
            assertThat(historical(f, "Trades", DAY)).as(point).isEqualTo(decided ? newer : older);
            assertThat(leftovers(f)).as(point).isEmpty();
            assertThat(recover(f, "Trades", DAY).out()).startsWith("Nothing to recover");
        }
    }

    @Test
    void shouldLetOneOfTwoSimultaneousMergesCommitAndRefuseTheOther() throws Exception {
        MergeFixture f = db("race", new String[][]{{"Trades", DAY}});
        Path go = dir.resolve("go");
        TestJvm a = child(null, f.db(), "Trades", DAY, "11", "false", dir.resolve("ready-a").toString(), go.toString(), "3000");
        TestJvm b = child(null, f.db(), "Trades", DAY, "12", "true", dir.resolve("ready-b").toString(), go.toString(), "3000");
        for (int i = 0; i < 3000 && !(Files.exists(dir.resolve("ready-a")) && Files.exists(dir.resolve("ready-b"))); i++) {
            Thread.sleep(20);
        }
        Files.createFile(go);
        int codeA = a.waitFor(90);
        int codeB = b.waitFor(90);
        assertThat(List.of(codeA, codeB)).as(a.output() + "\n----\n" + b.output()).containsExactlyInAnyOrder(0, 1);
        TestJvm loser = codeA == 1 ? a : b;
        assertThat(loser.output()).containsPattern("error: Cannot merge Market.Trades partition " + DAY
                + ": merge [^ ]+ \\(run [0-9a-f]{20}, host [^,]+, pid [0-9]+, since [^)]+\\) is running on it");
        long winnerSeed = codeA == 0 ? 11 : 12;
        assertThat(historical(f, "Trades", DAY)).isEqualTo(reference("Trades", DAY, winnerSeed));
        assertThat(leftovers(f)).isEmpty();
        assertThat(recover(f, "Trades", DAY).out()).startsWith("Nothing to recover");
    }

    @Test
    void shouldNotLetAMergeOfTableTxPartition1TouchAKilledMergeOfTableTPartitionX1() throws Exception {
        MergeFixture f = db("collide", new String[][]{{"T", "x.1"}, {"T.x", "1"}});
        Map<Integer, List<Row>> olderT = historical(f, "T", "x.1");
        TestJvm killed = child("merge.replaced:0", f.db(), "T", "x.1", "21", "false");
        assertThat(killed.waitFor(90)).as(killed.output()).isEqualTo(HaltPoints.EXIT_CODE);
        Map<String, String> killedState = f.snapshot("Systems/Market/Partitions");
        killedState.keySet().removeIf(k -> !k.contains("/x.1/"));
        Map<String, String> killedCoordination = f.snapshot("Systems/Market/.merge/T");

        // The other table's merge and recovery do not see the killed merge of T at all.
        MergeResult other = MergeChild.merge(f.spark, f.db(), "T.x", "1", 22, true).build().run();
        assertThat(other.recovered()).isEmpty();
        assertThat(recover(f, "T.x", "1").out()).startsWith("Nothing to recover");
        Map<String, String> now = f.snapshot("Systems/Market/Partitions");
        now.keySet().removeIf(k -> !k.contains("/x.1/"));
        assertThat(now).isEqualTo(killedState);
        assertThat(f.snapshot("Systems/Market/.merge/T")).isEqualTo(killedCoordination);

        Cli recovered = recover(f, "T", "x.1");
        assertThat(recovered.out()).contains("finished the interrupted commit of merge");
        assertThat(historical(f, "T", "x.1")).isEqualTo(reference("T", "x.1", 21)).isNotEqualTo(olderT);
        assertThat(historical(f, "T.x", "1")).isEqualTo(reference("T.x", "1", 22));
        assertThat(leftovers(f)).isEmpty();
    }
}
