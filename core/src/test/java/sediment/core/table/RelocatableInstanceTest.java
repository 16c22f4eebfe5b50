package sediment.core.table;

import sediment.core.gc.GarbageCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The log spells data file paths relative to the table, so a copied instance reads and collects its own files. */
class RelocatableInstanceTest {
    @TempDir
    Path tmp;

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void aCopiedInstanceReferencesItsOwnFilesAndGcOnTheCopyKeepsThemAll() throws Exception {
        TempInstance original = TempInstance.create(tmp.resolve("a"));
        Table table = original.createTable("t", TestSchemas.LONG_KEY, 10L);
        original.addFiles(table, "job-1", original.writeDataFile(table, "p0", 3), original.writeDataFile(table, "p1", 4));
        table.log().commit(new ReplaceFiles("job-2", java.util.List.of(table.state().files().keySet().iterator().next()),
                java.util.List.of(original.writeDataFile(table, "p0", 3))));
        assertThat(Files.readString(original.logDir("t").resolve(String.format("%020d.json", 2))))
                .containsPattern("\"path\" ?: ?\"data/partition_p").doesNotContain(original.dir().toString());

        Path copyDir = tmp.resolve("b").resolve("moved");
        copy(original.dir(), copyDir);
        Instance copy = Instance.open(copyDir.toString());
        TableState state = copy.table("t").state();

        assertThat(state.files()).hasSize(2);
        assertThat(state.files().keySet()).allSatisfy(p -> {
            assertThat(p).startsWith(LocalStorage.qualify(copyDir));
            assertThat(LocalStorage.toPath(p)).exists();
        });
        GarbageCollector.Result gc = GarbageCollector.collect(copy.table("t"), Duration.ZERO, Instant.now().plusSeconds(3600), false);
        assertThat(gc.deletions()).extracting(GarbageCollector.Deletion::path)
                .as("only the file the replace removed").singleElement().asString().startsWith(LocalStorage.qualify(copyDir));
        assertThat(copy.table("t").state().files().keySet()).allSatisfy(p -> assertThat(LocalStorage.toPath(p)).exists());
        assertThat(original.reopen().table("t").state().files().keySet())
                .allSatisfy(p -> assertThat(p).startsWith(LocalStorage.qualify(original.dir())));
    }
}
