package sediment.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.storage.LocalStorage;
import sediment.core.table.FileReference;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GcCommandTest {
    @TempDir
    Path tmp;

    private static Path orphan(TempInstance instance, Duration age) throws Exception {
        Path file = instance.tableDir("t").resolve("data/partition_p/orphan-" + age.toMinutes() + ".parquet");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "left over by a failed task");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void shouldDeleteUnreferencedFilesOlderThanTheGivenDurationOnly() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Table table = instance.createTable("t", TestSchemas.LONG_KEY);
        FileReference kept = instance.writeDataFile(table, "p", 3);
        instance.addFiles(table, "job-1", kept);
        Files.setLastModifiedTime(LocalStorage.toPath(kept.path()), FileTime.from(Instant.now().minus(Duration.ofDays(9))));
        Path old = orphan(instance, Duration.ofHours(3));
        Path young = orphan(instance, Duration.ofMinutes(5));

        Cli.Result dryRun = Cli.run("gc", "t", "--older-than", "1h", "--dry-run", "--instance", instance.root()).succeeded();
        assertThat(dryRun.out()).contains("would delete " + LocalStorage.qualify(old), "Would delete 1 unreferenced files; kept 1 referenced, 0 of runs that may still commit and 1 newer than PT1H");
        assertThat(old).exists();

        Cli.Result result = Cli.run("gc", "t", "--older-than", "1h", "--instance", instance.root()).succeeded();
        assertThat(result.out()).isEqualTo("deleted " + LocalStorage.qualify(old) + " (unreferenced, and its name carries no run id)\n"
                + "Deleted 1 unreferenced files; kept 1 referenced, 0 of runs that may still commit and 1 newer than PT1H\n");
        assertThat(old).doesNotExist();
        assertThat(young).exists();
        assertThat(LocalStorage.toPath(kept.path())).exists();
    }

    @Test
    void shouldUseTheTablesGcDelayByDefault() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, List.of(), Map.of("sleeper.table.gc.delay.minutes", "240"));
        Path old = orphan(instance, Duration.ofHours(3));

        assertThat(Cli.run("gc", "t", "--instance", instance.root()).succeeded().out()).contains("kept 0 referenced, 0 of runs that may still commit and 1 newer than PT4H");
        assertThat(old).exists();
    }

    @Test
    void shouldRefuseDurationsItCannotReadOrThatAreNegative() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY);

        assertThat(Cli.run("gc", "t", "--older-than", "10", "--instance", instance.root()).userError())
                .isEqualTo("--older-than '10' is not a duration: use e.g. 30s, 10m, 2h, 1d or PT1H");
        assertThat(Cli.run("gc", "t", "--older-than", "-5m", "--instance", instance.root()).userError())
                .isEqualTo("--older-than '-5m' is negative: it would delete files of jobs still running");
        assertThat(Cli.run("gc", "t", "--older-than", "PT-1H", "--instance", instance.root()).userError()).contains("is negative");
    }

    @Test
    void shouldParseDurations() {
        assertThat(GcCommand.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GcCommand.parseDuration("10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(GcCommand.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GcCommand.parseDuration(" 1d ")).isEqualTo(Duration.ofDays(1));
        assertThat(GcCommand.parseDuration("pt90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GcCommand.parseDuration("0s")).isZero();
    }
}
