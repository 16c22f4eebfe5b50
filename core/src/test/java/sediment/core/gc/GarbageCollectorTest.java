package sediment.core.gc;

import sediment.core.table.FileReference;
import sediment.core.table.ReplaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Table;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GarbageCollectorTest {
    @TempDir
    Path tmp;

    private final Instant now = Instant.parse("2030-01-01T12:00:00Z");

    private static Path local(FileReference f) {
        return LocalStorage.toPath(f.path());
    }

    private static void age(Path file, Instant modified) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    /** A file under the table's data directory that no transaction references. */
    private static Path orphan(TempInstance instance, String name, Instant modified) throws Exception {
        Path file = instance.tableDir("t").resolve("data/partition_p/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "orphan");
        age(file, modified);
        return file;
    }

    @Test
    void shouldDeleteOnlyUnreferencedFilesOlderThanTheGracePeriod() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY);
        FileReference referenced = instance.writeDataFile(table, "p", 10);
        instance.addFiles(table, "job-1", referenced);
        age(local(referenced), now.minus(Duration.ofDays(30)));
        Path old = orphan(instance, "old.parquet", now.minus(Duration.ofHours(2)));
        Path recent = orphan(instance, "recent.parquet", now.minus(Duration.ofMinutes(10)));

        GarbageCollector.Result result = GarbageCollector.collect(instance.reopen().table("t"), Duration.ofHours(1), now, false);

        assertThat(result.deleted()).containsExactly(LocalStorage.qualify(old));
        assertThat(result.keptTooNew()).isEqualTo(1);
        assertThat(result.referenced()).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(local(referenced)).exists();
    }

    @Test
    void shouldDeleteNothingOnADryRun() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY);
        Path old = orphan(instance, "old.parquet", now.minus(Duration.ofDays(1)));

        GarbageCollector.Result result = GarbageCollector.collect(instance.reopen().table("t"), Duration.ofHours(1), now, true);

        assertThat(result.deleted()).containsExactly(LocalStorage.qualify(old));
        assertThat(old).exists();
    }

    @Test
    void shouldNeverDeleteReferencedFilesHoweverTheirPathIsSpelled() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY, 0L);
        FileReference a = instance.writeDataFile(table, "p0", 1);
        FileReference b = instance.writeDataFile(table, "p1", 1);
        FileReference c = instance.writeDataFile(table, "p1", 1);
        // The same files as Spark or a user might spell them: file:///x and a plain absolute path.
        instance.addFiles(table, "job-1",
                new FileReference("file://" + local(a), "p0", 1, null, null),
                new FileReference(local(b).toString(), "p1", 1, null, null),
                c);
        for (FileReference f : List.of(a, b, c)) {
            age(local(f), now.minus(Duration.ofDays(365)));
        }

        GarbageCollector.Result result = GarbageCollector.collect(instance.reopen().table("t"), Duration.ZERO, now, false);

        assertThat(result.deleted()).isEmpty();
        assertThat(result.referenced()).isEqualTo(3);
        assertThat(local(a)).exists();
        assertThat(local(b)).exists();
        assertThat(local(c)).exists();
    }

    @Test
    void shouldCollectFilesThatAReplaceRemovedFromTheTable() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY);
        FileReference before = instance.writeDataFile(table, "p", 5);
        instance.addFiles(table, "job-1", before);
        FileReference after = instance.writeDataFile(table, "p", 5);
        table.log().commit(new ReplaceFiles("compact-1", List.of(before.path()), List.of(after)));
        age(local(before), now.minus(Duration.ofDays(1)));
        age(local(after), now.minus(Duration.ofDays(1)));

        GarbageCollector.Result result = GarbageCollector.collect(instance.reopen().table("t"), Duration.ofHours(1), now, false);

        assertThat(result.deleted()).containsExactly(before.path());
        assertThat(local(after)).exists();
    }

    @Test
    void shouldRefuseANegativeGracePeriod() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY);

        assertThatThrownBy(() -> GarbageCollector.collect(instance.reopen().table("t"), Duration.ofMinutes(-5), now, false))
                .isInstanceOf(InvalidInputException.class).hasMessage("Cannot collect garbage in table t: the grace period PT-5M is negative");
    }

    @Test
    void shouldQualifySchemeLessReferencesAgainstTheInstancesFileSystem() {
        assertThat(GarbageCollector.qualify("/data/x.parquet", "hdfs://nn:8020/sediment")).isEqualTo("hdfs://nn:8020/data/x.parquet");
        assertThat(GarbageCollector.qualify("/data/x.parquet", "file:/sediment")).isEqualTo("file:/data/x.parquet");
        assertThat(GarbageCollector.qualify("file:///data/x.parquet", "file:/sediment")).isEqualTo("file:/data/x.parquet");
        assertThat(GarbageCollector.qualify("s3a://b/x.parquet", "s3a://b/sediment")).isEqualTo("s3a://b/x.parquet");
    }
}
