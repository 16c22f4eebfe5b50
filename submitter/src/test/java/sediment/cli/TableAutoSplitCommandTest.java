package sediment.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.partition.Partition;
import sediment.core.row.Row;
import sediment.core.split.AutoSplit;
import sediment.core.split.KeySketch;
import sediment.core.split.SketchFiles;
import sediment.core.storage.HadoopConf;
import sediment.core.storage.LocalStorage;
import sediment.core.table.FileReference;
import sediment.core.gc.GarbageCollector;
import sediment.core.table.ReplaceFiles;
import sediment.core.table.SplitPartition;
import sediment.core.table.TableState;
import sediment.core.testutil.FooterEntries;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;
import sediment.ingest.IngestRecords;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

class TableAutoSplitCommandTest {
    @TempDir
    Path tmp;
    TempInstance instance;

    Table table(String schema, String threshold) {
        instance = TempInstance.create(tmp);
        return instance.createTable("t", schema, List.of(), Map.of("sleeper.table.partition.splitting.threshold", threshold));
    }

    /** Ingests rows i = from..to-1 with the values the function gives, through the standard ingest. */
    void ingest(String jobId, long from, long to, LongFunction<Row> row) {
        try (IngestRecords ingest = IngestRecords.open(instance.reopen(), "t", jobId)) {
            for (long i = from; i < to; i++) {
                ingest.write(row.apply(i));
            }
            ingest.commit();
        }
    }

    Row longRow(Table table, long key) {
        return Row.builder(table.state().schema()).set("key", key).set("value", "v" + key).build();
    }

    Cli.Result autoSplit() {
        return Cli.run("table", "split", "t", "--auto", "--instance", instance.root());
    }

    TableState state() {
        return instance.reopen().table("t").state();
    }

    /** Each referenced file as written before writers put its key sketch in its footer. */
    void dropFooterSketches() throws Exception {
        for (String file : state().files().keySet()) {
            FooterEntries.remove(file, SketchFiles.FOOTER_KEY);
        }
    }

    static Path sketchBeside(String dataFile) {
        return LocalStorage.toPath(SketchFiles.sketchPath(dataFile));
    }

    @Test
    void splitsALeafOverTheThresholdAtTheMedianOfItsDataFromTheSketchesInItsIngestedFilesFooters() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "1000");
        ingest("a", 0, 1000, k -> longRow(table, k));
        ingest("b", 1000, 2000, k -> longRow(table, k));

        Cli.Result first = autoSplit().succeeded();

        assertThat(first.out()).contains("Split leaf p (2000 rows) into p0 and p1 at ").doesNotContain("sketches computed");
        Partition upper = state().partitions().partition("p1").orElseThrow();
        long at = (Long) upper.region().get(0).min();
        assertThat(at).as("split point near the median of 0..1999").isBetween(1900L - 1000, 1100L);
        for (FileReference f : state().files().values()) {
            assertThat(sketchBeside(f.path())).as("nothing stored beside %s", f.path()).doesNotExist();
        }
        // Both halves are now at or under the threshold.
        assertThat(autoSplit().succeeded().out()).contains("No leaf of table t holds more than 1000 rows");
    }

    @Test
    void computesTheSketchOfAFileWithoutOneInItsFooterOnceAndStoresItBesideTheFile() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "1000");
        ingest("a", 0, 1000, k -> longRow(table, k));
        ingest("b", 1000, 2000, k -> longRow(table, k));
        dropFooterSketches();
        Table t = instance.reopen().table("t");
        SketchFiles sketches = new SketchFiles(t.instance().storage(), HadoopConf.load(), t.state().schema());

        assertThat(AutoSplit.plan(t.state(), 1000, sketches).proposals()).singleElement()
                .satisfies(p -> assertThat(p.sketchesComputed()).isEqualTo(2));
        for (FileReference f : state().files().values()) {
            assertThat(sketchBeside(f.path())).exists();
        }

        Cli.Result split = autoSplit().succeeded();

        assertThat(split.out()).as("the stored sketches are read").contains("Split leaf p (2000 rows) into p0 and p1 at ")
                .doesNotContain("sketches computed");
        assertThat((Long) state().partitions().partition("p1").orElseThrow().region().get(0).min()).isBetween(900L, 1100L);
    }

    @Test
    void computesTheSketchOfAFileWhoseFooterSketchIsDamaged() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "10");
        ingest("a", 0, 100, k -> longRow(table, k));
        String file = state().files().keySet().iterator().next();
        // Cut short: still base64, but not the whole sketch.
        FooterEntries.put(file, SketchFiles.FOOTER_KEY, FooterEntries.of(file).get(SketchFiles.FOOTER_KEY).substring(0, 40));

        Cli.Result result = autoSplit().succeeded();

        assertThat(result.out()).contains("Split leaf p (100 rows)").contains("(1 file sketches computed)");
        assertThat((Long) state().partitions().partition("p1").orElseThrow().region().get(0).min()).isBetween(40L, 60L);
        assertThat(sketchBeside(file)).exists();
    }

    @Test
    void takesTheSplitPointFromAnOldSketchBesideAFileWithoutOneInItsFooterWithoutReadingTheFile() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "10");
        ingest("a", 0, 100, k -> longRow(table, k));
        dropFooterSketches();
        FileReference file = state().files().values().iterator().next();
        // A sketch that disagrees with the file's rows shows the split reads the sketch, not the data.
        Files.write(sketchBeside(file.path()), planted().toBytes());

        Cli.Result result = autoSplit().succeeded();

        assertThat(result.out()).doesNotContain("sketches computed");
        assertThat((Long) state().partitions().partition("p1").orElseThrow().region().get(0).min()).isBetween(5040L, 5060L);
    }

    @Test
    void theSketchInAFilesFooterComesBeforeOneBesideIt() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "10");
        ingest("a", 0, 100, k -> longRow(table, k));
        FileReference file = state().files().values().iterator().next();
        Files.write(sketchBeside(file.path()), planted().toBytes());

        autoSplit().succeeded();

        assertThat((Long) state().partitions().partition("p1").orElseThrow().region().get(0).min()).isBetween(40L, 60L);
    }

    /** The sketch of keys 5000..5099, which no file here holds. */
    KeySketch planted() {
        KeySketch planted = KeySketch.empty(state().schema().rowKeyTypes());
        for (long k = 5000; k < 5100; k++) {
            planted.update(List.of(k));
        }
        return planted;
    }

    @Test
    void splitsOnTheSecondFieldWhenEveryRowSharesTheFirstAndSkipsALeafOfOneKey() {
        Table table = table(TestSchemas.TWO_FIELD_KEY, "10");
        ingest("a", 0, 100, i -> Row.builder(table.state().schema()).set("a", 7L).set("b", String.format("k%03d", i))
                .set("value", 1.0).build());

        Cli.Result result = autoSplit().succeeded();

        assertThat(result.out()).contains("Split leaf p (100 rows)").contains("on row-key field 1");
        assertThat(state().partitions().partition("p1").orElseThrow().region().get(1).min()).asString().startsWith("k0");

        Table one = instance.reopen().table("t");
        one.log().commit(new ReplaceFiles("drop", List.copyOf(one.state().files().keySet()), List.of()));
        ingest("b", 0, 50, i -> Row.builder(table.state().schema()).set("a", 7L).set("b", "same").set("value", 1.0).build());
        // "same" sorts above the split point on field 1, so all 50 rows went to p1.
        assertThat(autoSplit().succeeded().out()).isEqualTo("Leaf p1 holds 50 rows but was not split: every row in it has the same"
                + " row key, so no split point leaves rows on both sides\nNothing was split.\n");
    }

    @Test
    void aLeafSplitByAnotherCommitMeanwhileFailsCleanly() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "10");
        ingest("a", 0, 100, k -> longRow(table, k));
        Table t = instance.reopen().table("t");
        AutoSplit.Plan plan = AutoSplit.plan(t.state(), 10, new SketchFiles(t.instance().storage(), HadoopConf.load(),
                t.state().schema()));
        t.log().commit(new SplitPartition("p", 0, 30L));

        List<AutoSplit.Outcome> outcomes = AutoSplit.commit(t.log(), plan);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.committed()).isFalse();
            assertThat(o.failure()).startsWith("leaf p changed while splitting (").endsWith("): rerun");
        });
        assertThat(state().partitions().partition("p1").orElseThrow().region().get(0).min()).isEqualTo(30L);
    }

    @Test
    void gcKeepsAComputedSketchWhileItsDataFileIsReferencedAndDeletesItAfter() throws Exception {
        Table table = table(TestSchemas.LONG_KEY, "10");
        ingest("a", 0, 100, k -> longRow(table, k));
        dropFooterSketches();
        assertThat(autoSplit().succeeded().out()).contains("(1 file sketches computed)");
        FileReference file = state().files().values().iterator().next();
        Path sketch = sketchBeside(file.path());
        Instant later = Instant.now().plusSeconds(5);

        GarbageCollector.collect(instance.reopen().table("t"), Duration.ZERO, later, false);
        assertThat(sketch).exists();

        instance.reopen().table("t").log().commit(new ReplaceFiles("drop", List.of(file.path()), List.of()));
        GarbageCollector.Result gc = GarbageCollector.collect(instance.reopen().table("t"), Duration.ZERO, later, false);
        assertThat(sketch).doesNotExist();
        assertThat(gc.deletions()).anySatisfy(d -> assertThat(d.reason()).startsWith("key sketch of unreferenced data file"));
    }

    @Test
    void refusesAutoWithAPartitionOrSplitPoint() {
        table(TestSchemas.LONG_KEY, "10");
        assertThat(Cli.run("table", "split", "t", "--auto", "--at", "5", "--instance", instance.root()).userError())
                .isEqualTo("--auto chooses the leaves and split points itself: drop --partition and --at");
        assertThat(Cli.run("table", "split", "t", "--partition", "p", "--instance", instance.root()).userError())
                .isEqualTo("--partition and --at are needed to split by hand (or use --auto)");
    }

    @Test
    void splitsATableKeyedByATimestampAtATimestampOfItsData() throws Exception {
        Table table = table("""
                {"rowKeyFields": [{"name": "at", "type": "TimestampType"}], "valueFields": [{"name": "value", "type": "StringType"}]}
                """, "1000");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ingest("a", 0, 2000, i -> Row.builder(table.state().schema()).set("at", start.plusSeconds(i)).set("value", "v" + i).build());

        assertThat(autoSplit().succeeded().out()).contains("Split leaf p (2000 rows) into p0 and p1 at ");

        Instant at = (Instant) state().partitions().partition("p1").orElseThrow().region().get(0).min();
        assertThat(at).isBetween(start.plusSeconds(900), start.plusSeconds(1100));
        // The sketch in the file's footer, and one computed and stored beside it, read back as timestamps.
        String file = state().files().keySet().iterator().next();
        SketchFiles sketches = new SketchFiles(instance.instance().storage(), HadoopConf.load(), state().schema());
        KeySketch inFooter = sketches.footerSketch(file).orElseThrow();
        assertThat(inFooter.rows()).isEqualTo(2000);
        assertThat(inFooter.splitPoint(0)).hasValueSatisfying(p -> assertThat((Instant) p).isAfter(start));
        dropFooterSketches();
        assertThat(sketches.sketchOf(file).computed()).isTrue();
        KeySketch stored = KeySketch.fromBytes(state().schema().rowKeyTypes(), Files.readAllBytes(sketchBeside(file)));
        assertThat(stored.rows()).isEqualTo(2000);
        assertThat(stored.splitPoint(0)).hasValueSatisfying(p -> assertThat((Instant) p).isAfter(start));
    }
}
