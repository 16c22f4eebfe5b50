package sediment.aws;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sediment.core.log.FileLogStorage;
import sediment.core.log.TransactionLog;
import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;
import sediment.core.storage.Storage;
import sediment.core.storage.Storages;
import sediment.core.table.AddFiles;
import sediment.core.table.CreateTable;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.core.testutil.TestSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table log committing to an {@code s3a://} table through {@link Storages#forPath} (so through the
 * ServiceLoader-found {@link S3StorageProvider} and a client built from S3A settings) against an
 * in-memory S3 that honours {@code If-None-Match: *}.
 */
class S3TransactionLogTest {
    private static final String TABLE = "s3a://bucket/instance/tables/t";

    private final FakeS3 s3 = newFake();
    private final Schema schema = TestSchemas.longKey();

    private static FakeS3 newFake() {
        try {
            return new FakeS3();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    private Configuration conf() {
        return s3.hadoopConf();
    }

    private TransactionLog openLog() {
        Storage storage = Storages.forPath(TABLE, conf());
        assertThat(storage).isInstanceOf(S3Storage.class);
        return new TransactionLog("t", new FileLogStorage(storage, TABLE), 100, 50);
    }

    private static FileReference file(String name, long rows) {
        return new FileReference("s3a://bucket/instance/tables/t/data/" + name + ".parquet", PartitionTree.ROOT_ID, rows, List.of(1L), List.of(2L));
    }

    @Test
    void shouldCommitTwoTransactionsToATableOnS3() {
        TransactionLog log = openLog();

        TransactionLog.CommitResult created = log.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        TransactionLog.CommitResult added = log.commit(new AddFiles("job-1", List.of(file("a", 10))));

        assertThat(created.version()).isEqualTo(1);
        assertThat(added.version()).isEqualTo(2);
        assertThat(s3.objects().keySet()).containsExactly(
                "bucket/instance/tables/t/log/" + sediment.core.log.LogStorage.entryName(1),
                "bucket/instance/tables/t/log/" + sediment.core.log.LogStorage.entryName(2));
        assertThat(s3.requests()).filteredOn(r -> r.startsWith("PUT "))
                .hasSize(2).allMatch(r -> r.endsWith(" If-None-Match:*"));

        TableState reread = openLog().readState();
        assertThat(reread.version()).isEqualTo(2);
        assertThat(reread.files()).containsOnlyKeys(file("a", 10).path());
        assertThat(reread.committedJobIds()).contains("job-1");
    }

    @Test
    void shouldNotCommitAJobTwice() {
        TransactionLog log = openLog();
        log.commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        log.commit(new AddFiles("job-1", List.of(file("a", 10))));

        TransactionLog.CommitResult again = openLog().commit(new AddFiles("job-1", List.of(file("a", 10))));

        assertThat(again.alreadyCommitted()).isTrue();
        assertThat(openLog().readState().version()).isEqualTo(2);
    }

    @Test
    void shouldKeepEveryCommitWhenWritersRace() throws Exception {
        openLog().commit(new CreateTable(schema, PartitionTree.singleLeaf(schema.rowKeyTypes())));
        int writers = 4;
        int perWriter = 3;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            results.add(pool.submit(() -> {
                TransactionLog log = openLog(); // a separate writer, with its own view of the head
                start.await();
                for (int j = 0; j < perWriter; j++) {
                    log.commit(new AddFiles("job-" + writer + "-" + j, List.of(file("f" + writer + "-" + j, 1))));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : results) {
            f.get();
        }
        pool.shutdown();

        TableState state = openLog().readState();
        assertThat(state.version()).isEqualTo(1 + writers * perWriter);
        assertThat(state.files()).hasSize(writers * perWriter);
        assertThat(s3.requests()).filteredOn(r -> r.startsWith("PUT ")).allMatch(r -> r.endsWith(" If-None-Match:*"));
    }
}
