package sediment.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.SedimentProperties;
import sediment.core.instance.Table;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.core.testutil.LogSnapshot;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestJvm;
import sediment.core.testutil.TestSchemas;
import sediment.core.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several writers adding files to one table at once, through the real log on a local disk: every
 * file ends up in the table exactly once, the job all of them share is committed once, and
 * replaying a committed job changes nothing.
 */
class ConcurrentCommitTest {
    @TempDir
    Path tmp;

    private Table createTable(TempInstance instance) {
        // Snapshots every 4 entries, so writers also race while snapshots are being written and read.
        return instance.createTable("t", TestSchemas.LONG_KEY, List.of(0L, 100L),
                Map.of(SedimentProperties.SNAPSHOT_INTERVAL.name(), "4"));
    }

    @Test
    void shouldCommitEveryFileExactlyOnceWhenThreadsWriteAtOnce() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        createTable(instance);
        int writers = 4;
        int jobs = 12;
        // Writers 0 and 1 share one Table (one log object and cache); 2 and 3 open their own, as separate writers do.
        Table shared = instance.reopen().table("t");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Table table = w < 2 ? shared : instance.reopen().table("t");
            String name = "thread" + w;
            results.add(pool.submit(() -> {
                start.await();
                return ConcurrentWriter.run(table, name, jobs);
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : results) {
            outcomes.add(result.get());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnlyOnce("committed-shared");
        assertEveryFileCommittedOnce(instance, writerNames("thread", writers), jobs);
        assertReplayChangesNothing(instance, "thread2-job-5");
    }

    @Test
    void shouldCommitEveryFileExactlyOnceWhenProcessesWriteAtOnce() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        createTable(instance);
        int writers = 3;
        int jobs = 15;
        Path barrier = Files.createDirectories(tmp.resolve("barrier"));
        List<TestJvm> processes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            processes.add(TestJvm.start(tmp.resolve("out"), ConcurrentWriter.class,
                    instance.root(), "t", "process" + w, String.valueOf(jobs), barrier.toString()));
        }
        waitForAllReady(barrier, writers, processes);
        Files.createFile(barrier.resolve("go"));
        List<String> outcomes = new ArrayList<>();
        for (TestJvm process : processes) {
            assertThat(process.waitFor(90)).as("exit code; output:%n%s", process.output()).isZero();
            outcomes.add(process.output().strip());
        }

        assertThat(outcomes).containsOnlyOnce("committed-shared");
        assertEveryFileCommittedOnce(instance, writerNames("process", writers), jobs);
        assertReplayChangesNothing(instance, "process1-job-3");
    }

    private static void waitForAllReady(Path barrier, int writers, List<TestJvm> processes) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (Stream<Path> files = Files.list(barrier)) {
                if (files.count() >= writers) {
                    return;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("writers did not start; first output:\n" + processes.get(0).output());
            }
            Thread.sleep(10);
        }
    }

    private static List<String> writerNames(String prefix, int writers) {
        List<String> names = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            names.add(prefix + w);
        }
        return names;
    }

    /** The state holds every writer's files and the shared one, and each path was added by exactly one log entry. */
    private static void assertEveryFileCommittedOnce(TempInstance instance, List<String> writers, int jobs) throws Exception {
        Table table = instance.reopen().table("t");
        Set<String> expectedJobs = new HashSet<>();
        for (String writer : writers) {
            for (int i = 0; i < jobs; i++) {
                expectedJobs.add(writer + "-job-" + i);
            }
        }
        expectedJobs.add(ConcurrentWriter.SHARED_JOB);

        TableState state = table.state();
        assertThat(state.committedJobIds()).containsExactlyInAnyOrderElementsOf(expectedJobs);
        assertThat(state.files()).hasSize(expectedJobs.size());
        assertThat(state.version()).isEqualTo(1 + expectedJobs.size());

        Map<String, Integer> timesAdded = new HashMap<>();
        LogSnapshot log = LogSnapshot.of(instance.logDir("t"));
        assertThat(log.files()).hasSize(1 + expectedJobs.size());
        for (String entry : log.files()) {
            JsonNode node = Json.MAPPER.readTree(log.content(entry));
            if (node.get("type").asText().equals("AddFiles")) {
                // The log spells paths relative to the table; the state holds them resolved.
                node.get("files").forEach(f -> timesAdded.merge(table.path() + "/" + f.get("path").asText(), 1, Integer::sum));
            }
        }
        assertThat(timesAdded.keySet()).containsExactlyInAnyOrderElementsOf(state.files().keySet());
        assertThat(timesAdded.values()).allMatch(n -> n == 1);
        // A fresh reader starting from the newest snapshot sees the same state as a full replay.
        assertThat(table.log().stateAt(state.version()).files()).isEqualTo(state.files());
        assertThat(LogSnapshot.of(instance.tableDir("t").resolve("snapshots")).files()).isNotEmpty();
    }

    private static void assertReplayChangesNothing(TempInstance instance, String jobId) {
        Table table = instance.reopen().table("t");
        LogSnapshot before = LogSnapshot.of(instance.tableDir("t"));
        String partition = table.state().partitions().leaves().get(0).id();

        TransactionLog.CommitResult replay = table.log().commit(new AddFiles(jobId,
                List.of(new FileReference(ConcurrentWriter.path(table, partition, jobId + "-retry"), partition, 1, null, null))));

        assertThat(replay.alreadyCommitted()).isTrue();
        before.assertUnchanged();
    }
}
