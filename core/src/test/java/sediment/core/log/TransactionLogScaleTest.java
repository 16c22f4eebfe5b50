package sediment.core.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;
import sediment.core.testutil.CountingFileSystem;
import sediment.core.testutil.CountingStorageProvider;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Committing a job's files costs the same storage calls whatever the table's leaf count. */
class TransactionLogScaleTest {
    @TempDir
    Path dir;

    private Map<String, Long> commitCalls(int leaves) {
        Instance instance = Instance.init(CountingFileSystem.path(dir.resolve("leaves-" + leaves)), null);
        List<Object> splits = new ArrayList<>();
        for (long i = 1; i < leaves; i++) {
            splits.add(i * 10);
        }
        Table table = instance.createTable("t", TestSchemas.parse(TestSchemas.LONG_KEY), splits,
                Map.of("sleeper.table.bulk.import.min.leaf.partitions", "1"));
        TransactionLog log = table.log();
        var state = log.readState();
        List<FileReference> files = new ArrayList<>();
        for (int leaf = 1; leaf <= 3; leaf++) {
            String id = state.partitions().leaves().get(leaf).id();
            files.add(new FileReference(table.dataPath() + "/partition_" + id + "/f.parquet", id, 10, List.of(leaf * 10L),
                    List.of(leaf * 10L + 9)));
        }
        CountingStorageProvider.reset();

        long start = System.nanoTime();
        log.readState();
        log.commit(new AddFiles("j", files));
        log.readState();
        System.out.printf("%,d leaves: read, commit, read in %.3f s%n", leaves, (System.nanoTime() - start) / 1e9);

        Map<String, Long> calls = new TreeMap<>();
        CountingStorageProvider.calls().forEach(c -> calls.merge(c.op(), 1L, Long::sum));
        return calls;
    }

    @Test
    void aCommitToATreeOfTwentyThousandLeavesCostsWhatOneToTenLeavesCosts() {
        Map<String, Long> small = commitCalls(10);
        Map<String, Long> large = commitCalls(20_000);

        System.out.println("storage calls: " + large);
        assertThat(large).isEqualTo(small);
        assertThat(large.values().stream().mapToLong(Long::longValue).sum()).isLessThan(15);
    }
}
