package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;
import sediment.spark.TestSpark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.LONG_KEY;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.dataFiles;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.longRows;
import static sediment.spark.bulkimport.BulkImportJobRunnerTest.longSplits;

/** Several leaves to a write task (spark.sediment.write.tasks below the leaf count): still one sorted file per leaf. */
class GroupedLeafWriteTest {
    @TempDir
    Path dir;

    @BeforeEach
    void fewTasks() {
        TestSpark.session().conf().set(SortedLeafWrite.WRITE_TASKS, "3");
    }

    @AfterEach
    void defaultTasks() {
        TestSpark.session().conf().unset(SortedLeafWrite.WRITE_TASKS);
    }

    @Test
    void writesOneSortedFilePerLeafInsideItsRegionFromTasksOfManyLeaves() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, longSplits(40, 10));
        List<Row> rows = longRows(4000, 11, 420);

        BulkImportResult result = f.run(f.job("grouped", "t", f.writeInput("a", LONG_KEY, rows, 3)));

        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        List<String> leavesWithFiles = table.state().files().values().stream().map(FileReference::partitionId).toList();
        assertThat(leavesWithFiles).as("one file per leaf").doesNotHaveDuplicates().hasSize(40);
        assertThat(result.files()).isEqualTo(40);
    }

    @Test
    void ordersStringKeysAcrossLeavesOfOneTaskByUtf8Bytes() {
        Schema schema = new Schema(List.of(new Field("name", PrimitiveType.STRING)), List.of(),
                List.of(new Field("n", PrimitiveType.INT)));
        BulkImportFixture f = new BulkImportFixture(dir);
        // Split points whose UTF-16 order differs from their UTF-8 order: a sort that disagreed with the tree would fail the task.
        Table table = f.table("s", schema, List.of("b", "m", "\uFFFD", "\uD83D\uDE00", "\uD83D\uDE01"));
        String[] samples = {"a", "bb", "z", "é", "\uFFFD", "\uFFFDa", "\uD83D\uDE00", "\uD83D\uDE01", "\uD83D\uDE00x", "", "\uE000"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(BulkImportFixture.row(samples[i % samples.length] + (i % 4), i));
        }

        f.run(f.job("strings", "s", f.writeInput("a", schema, rows, 2)));

        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(table.state().files().values().stream().map(FileReference::partitionId).toList()).doesNotHaveDuplicates();
    }

    @Test
    void aTaskThatFailsInItsSecondLeafIsRetriedWithoutDuplicatesOrStrays() throws Exception {
        BulkImportFixture f = new BulkImportFixture(dir);
        Path input = f.writeInput("a", LONG_KEY, longRows(3000, 12, 300), 3);
        Table clean = f.table("clean", LONG_KEY, longSplits(9, 30));
        Table retried = f.table("retried", LONG_KEY, longSplits(9, 30));
        f.run(f.job("clean", "clean", input));
        // Leaves 0-2 are the first task's: leaf 1's file is half written when the attempt fails, leaf 0's complete.
        LeafFileWriter.FailureInjection failOnce = (leaf, written, task) -> {
            if (leaf == 1 && written == 40 && task.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure in the second leaf of a task");
            }
        };

        BulkImportResult result = new BulkImportJobRunner(f.spark, f.instance, failOnce).run(f.job("retried", "retried", input), "test");

        assertThat(result.rows()).isEqualTo(3000);
        assertThat(f.readCommitted(retried)).containsExactlyInAnyOrderElementsOf(f.readCommitted(clean));
        assertThat(retried.state().files()).hasSize(9);
        assertThat(dataFiles(retried)).isEqualTo(retried.state().files().keySet());
    }

    @Test
    void aMultiDimensionalTreeStillGetsOneFilePerLeaf() {
        Schema schema = new Schema(List.of(new Field("a", PrimitiveType.INT), new Field("b", PrimitiveType.INT)), List.of(),
                List.of(new Field("v", PrimitiveType.STRING)));
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("m", schema, List.of(10, 20, 25));
        table.log().commit(new sediment.core.table.SplitPartition("p11", 1, 5));
        table.log().commit(new sediment.core.table.SplitPartition("p00", 1, 0));
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(BulkImportFixture.row(random.nextInt(30), random.nextInt(20) - 10, "v" + i));
        }

        f.run(f.job("multi", "m", f.writeInput("a", schema, rows, 2)));

        assertThat(f.readCommitted(table)).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(table.state().files().values().stream().map(FileReference::partitionId).toList()).doesNotHaveDuplicates();
    }

    @Test
    void refusesAWriteTaskCountThatIsNotAPositiveNumber() {
        BulkImportFixture f = new BulkImportFixture(dir);
        f.table("t", LONG_KEY, longSplits(4, 10));
        Path input = f.writeInput("a", LONG_KEY, longRows(100, 1, 40), 1);
        TestSpark.session().conf().set(SortedLeafWrite.WRITE_TASKS, "many");

        assertThatThrownBy(() -> f.run(f.job("bad", "t", input)))
                .hasMessageContaining("Spark conf spark.sediment.write.tasks must be a whole number of at least 1, not 'many'");
    }
}
