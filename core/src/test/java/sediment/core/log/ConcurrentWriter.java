package sediment.core.log;

import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.partition.Partition;
import sediment.core.storage.Storage;
import sediment.core.table.AddFiles;
import sediment.core.table.FileReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One writer of {@link ConcurrentCommitTest}, run in a thread or, through {@link #main}, in its own
 * JVM. It commits {@code jobs} add-files transactions with its own job ids, then the job every
 * writer shares (exactly one of them may commit it), then replays its first job, which must be a no-op.
 */
public final class ConcurrentWriter {
    public static final String SHARED_JOB = "shared-job";

    private ConcurrentWriter() {
    }

    /** Args: instance root, table, writer name, number of jobs, barrier directory. Exit 0 when all went as expected. */
    public static void main(String[] args) throws Exception {
        Table table = Instance.open(args[0]).table(args[1]);
        String writer = args[2];
        int jobs = Integer.parseInt(args[3]);
        Path barrier = Path.of(args[4]);
        table.state(); // load the classes a commit needs before the race starts
        Files.createFile(barrier.resolve("ready-" + writer));
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(barrier.resolve("go"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("never told to go");
            }
            Thread.sleep(2);
        }
        System.out.println(run(table, writer, jobs));
    }

    public static String path(Table table, String partitionId, String jobId) {
        return Storage.join(table.dataPath(), "partition_" + partitionId + "/" + jobId + ".parquet");
    }

    /** Commits this writer's jobs; returns "committed-shared" or "replayed-shared" for the shared job. */
    public static String run(Table table, String writer, int jobs) {
        TransactionLog log = table.log();
        List<Partition> leaves = log.readState().partitions().leaves();
        for (int i = 0; i < jobs; i++) {
            String jobId = writer + "-job-" + i;
            String partition = leaves.get(i % leaves.size()).id();
            TransactionLog.CommitResult result = log.commit(new AddFiles(jobId,
                    List.of(new FileReference(path(table, partition, jobId), partition, i + 1, null, null))));
            if (result.alreadyCommitted()) {
                throw new IllegalStateException(jobId + " was committed before its first commit");
            }
        }
        String partition = leaves.get(0).id();
        TransactionLog.CommitResult shared = log.commit(new AddFiles(SHARED_JOB,
                List.of(new FileReference(path(table, partition, SHARED_JOB), partition, 1, null, null))));
        if (jobs > 0) {
            String first = writer + "-job-0";
            TransactionLog.CommitResult replay = log.commit(new AddFiles(first,
                    List.of(new FileReference(path(table, leaves.get(0).id(), first), leaves.get(0).id(), 1, null, null))));
            if (!replay.alreadyCommitted()) {
                throw new IllegalStateException("replaying " + first + " committed it again at version " + replay.version());
            }
        }
        return shared.alreadyCommitted() ? "replayed-shared" : "committed-shared";
    }
}
