package sediment.core.compaction;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyLayers;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.table.FileReference;
import sediment.core.table.ReplaceFiles;
import sediment.core.table.TableState;
import sediment.core.testutil.TestSchemas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactionPlannerTest {
    static final Schema SCHEMA = TestSchemas.parse(TestSchemas.LONG_KEY);
    /** Leaves p00 [-inf,10), p01 [10,20), p10 [20,30), p11 [30,+inf). */
    static final PartitionTree TREE = PartitionTree.fromSplitPoints(List.of(PrimitiveType.LONG), List.of(10L, 20L, 30L));

    final Map<String, FileReference> files = new LinkedHashMap<>();

    void file(String partition, String name, long rows) {
        String path = "file:/t/data/partition_" + partition + "/" + name;
        files.put(path, new FileReference(path, partition, rows, null, null));
    }

    TableState state(PartitionTree tree) {
        return new TableState("t", 7, SCHEMA, tree, files, Set.of(), Set.of());
    }

    @Test
    void choosesEveryLeafHoldingAtLeastTheThresholdAndNoOther() {
        file("p00", "a", 1);
        file("p00", "b", 2);
        file("p00", "c", 3);
        file("p01", "d", 4);
        file("p01", "e", 5);
        file("p10", "f", 6);

        CompactionPlan plan = CompactionPlanner.plan(state(TREE), null, 3);

        assertThat(plan.leafIds()).containsExactly("p00");
        assertThat(plan.inputPaths()).extracting(p -> p.substring(p.lastIndexOf('/') + 1)).containsExactly("a", "b", "c");
        assertThat(plan.inputRows()).isEqualTo(6);
        assertThat(plan.tableVersion()).isEqualTo(7);
        assertThat(CompactionPlanner.plan(state(TREE), null, 2).leafIds()).containsExactly("p00", "p01");
    }

    @Test
    void aLeafOfOneFileIsAlreadyCompacted() {
        file("p00", "a", 1);
        file("p01", "b", 1);

        assertThat(CompactionPlanner.plan(state(TREE), null, 2).isEmpty()).isTrue();
        assertThat(CompactionPlanner.plan(state(TREE), "p00", 2).isEmpty()).isTrue();
    }

    @Test
    void aNamedSplitPartitionStandsForTheLeavesBelowIt() {
        file("p00", "a", 1);
        file("p00", "b", 1);
        file("p10", "c", 1);
        file("p10", "d", 1);

        assertThat(CompactionPlanner.plan(state(TREE), "p1", 2).leafIds()).containsExactly("p10");
        assertThat(CompactionPlanner.plan(state(TREE), "p", 2).leafIds()).containsExactly("p00", "p10");
        assertThatThrownBy(() -> CompactionPlanner.plan(state(TREE), "p7", 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("partition p7").hasMessageContaining("no such");
    }

    @Test
    void aFileOnAnAncestorCountsForEveryLeafBelowItAndPullsThemAllIn() {
        // p11 was split after a file was committed to it; the file stays on p11 and covers both halves.
        PartitionTree split = TREE.split("p11", 0, 40L);
        file("p11", "old", 10);
        file("p110", "a", 1);
        file("p00", "x", 1);

        CompactionPlan plan = CompactionPlanner.plan(state(split), "p110", 2);

        assertThat(plan.leafIds()).containsExactly("p110", "p111");
        assertThat(plan.inputs()).extracting(FileReference::partitionId).containsExactly("p110", "p11");
        assertThat(plan.inputRows()).isEqualTo(11);
    }

    @Test
    void commitsOneReplaceFilesRemovingEveryInputAndRefusesOutputsForOtherLeaves() {
        file("p00", "a", 1);
        file("p00", "b", 1);
        CompactionPlan plan = CompactionPlanner.plan(state(TREE), null, 2);
        FileReference out = new FileReference("file:/t/data/partition_p00/c", "p00", 2, null, null);

        ReplaceFiles commit = plan.commit("job", null, List.of(out));

        assertThat(commit.removePaths()).containsExactlyElementsOf(plan.inputPaths());
        assertThat(commit.addFiles()).containsExactly(out);
        assertThatThrownBy(() -> plan.commit("job", null, List.of(new FileReference("file:/t/x", "p01", 2, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p01");
    }

    @Test
    void namesThePartitionWhoseInputAnotherCommitRemoved() {
        file("p00", "a", 1);
        file("p00", "b", 1);
        file("p01", "c", 1);
        file("p01", "d", 1);
        CompactionPlan plan = CompactionPlanner.plan(state(TREE), null, 2);
        Map<String, FileReference> now = new LinkedHashMap<>(files);

        assertThat(plan.changedPartition(now)).isEmpty();
        now.remove("file:/t/data/partition_p01/d");
        assertThat(plan.changedPartition(now)).contains("p01");
    }

    @Test
    void theThresholdIsTheJobsThenTwoForANamedPartitionThenTheTableProperty() {
        PropertyLayers table = PropertyLayers.of(Map.of(), Map.of("sleeper.table.compaction.files.batch.size", "5"));
        PropertyLayers defaults = PropertyLayers.of(Map.of(), Map.of());

        assertThat(CompactionPlanner.minFiles(CompactionJob.of("j", "t", null, 3), table)).isEqualTo(3);
        assertThat(CompactionPlanner.minFiles(CompactionJob.of("j", "t", "p0", null), table)).isEqualTo(2);
        assertThat(CompactionPlanner.minFiles(CompactionJob.of("j", "t", null, null), table)).isEqualTo(5);
        assertThat(CompactionPlanner.minFiles(CompactionJob.of("j", "t", null, null), defaults)).isEqualTo(11);
        assertThatThrownBy(() -> CompactionPlanner.minFiles(CompactionJob.of("j", "t", null, null),
                PropertyLayers.of(Map.of(), Map.of("sleeper.table.compaction.files.batch.size", "1"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sleeper.table.compaction.files.batch.size");
    }

    @Test
    void aSpecNamesEveryProblemWithItsField() {
        assertThatThrownBy(() -> CompactionJob.read("job.json", "{\"id\": \"Bad_Id\", \"minFiles\": 1}".getBytes()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("job.json").hasMessageContaining("Bad_Id").hasMessageContaining("'tableName'")
                .hasMessageContaining("'minFiles' must be at least 2");
        CompactionJob read = CompactionJob.read("job.json", "{\"tableName\": \"t\", \"partitionId\": \"p0\"}".getBytes());
        assertThat(read.id()).startsWith("compact-");
        assertThat(read.partitionId()).isEqualTo("p0");
    }
}
