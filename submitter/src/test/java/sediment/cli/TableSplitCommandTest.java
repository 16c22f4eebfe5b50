package sediment.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.partition.Partition;
import sediment.core.partition.Range;
import sediment.core.table.TableState;
import sediment.core.testutil.LogSnapshot;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TableSplitCommandTest {
    @TempDir
    Path tmp;
    private TempInstance instance;

    @BeforeEach
    void setUp() {
        instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.TWO_FIELD_KEY, 100L);
    }

    private Cli.Result split(String... args) {
        String[] all = new String[5 + args.length];
        all[0] = "table";
        all[1] = "split";
        all[2] = "t";
        all[3] = "--instance";
        all[4] = instance.root();
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(all);
    }

    private TableState state() {
        return instance.reopen().table("t").state();
    }

    @Test
    void shouldSplitALeafOnTheFirstField() {
        Cli.Result result = split("--partition", "p1", "--at", "500").succeeded();

        assertThat(result.out().strip()).isEqualTo("Split partition p1 into p10 and p11 at 500 (table version 2)");
        assertThat(state().partitions().leaves()).extracting(Partition::id).containsExactly("p0", "p10", "p11");
        assertThat(state().partitions().partition("p11").orElseThrow().region().get(0)).isEqualTo(new Range(500L, null));
    }

    @Test
    void shouldSplitALeafOnTheSecondField() {
        split("--partition", "p0", "--at", "m", "--dimension", "1").succeeded();

        assertThat(state().partitions().partition("p01").orElseThrow().region())
                .containsExactly(new Range(null, 100L), new Range("m", null));
        assertThat(state().partitions().leafFor(java.util.List.of(5L, "z")).id()).isEqualTo("p01");
    }

    @Test
    void shouldRefuseASplitPointOutsideThePartitionAndChangeNothing() {
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(split("--partition", "p1", "--at", "50").userError())
                .isEqualTo("Cannot split partition p1 at 50 on row-key field 0: the split point must lie strictly inside the"
                        + " partition's range [100, +inf)");
        assertThat(split("--partition", "p1", "--at", "100").userError()).contains("[100, +inf)");
        assertThat(split("--partition", "p0", "--at", "", "--dimension", "1").userError())
                .isEqualTo("Cannot split partition p0 at '' on row-key field 1: it is the smallest StringType value, so the"
                        + " partition below it would always be empty");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseToSplitANonLeafOrMissingPartition() {
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(split("--partition", "p", "--at", "5").userError()).isEqualTo("Cannot split partition p: it is not a leaf (children p0, p1)");
        assertThat(split("--partition", "p9", "--at", "5").userError()).isEqualTo("Cannot split partition p9: no such partition");
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseValuesThatDoNotParseAndDimensionsOutOfRange() {
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThat(split("--partition", "p1", "--at", "lots").userError())
                .isEqualTo("--at 'lots' is not a valid LongType (row-key field 'a')");
        assertThat(split("--partition", "p1", "--at", "5", "--dimension", "2").userError())
                .isEqualTo("--dimension 2 is not a row-key field index (0 to 1)");
        before.assertUnchanged();
    }
}
