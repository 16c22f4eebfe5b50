package sediment.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A table whose log lost an entry is refused by every command, and gc deletes nothing from it. */
class LogDamageTest {
    @TempDir
    Path dir;

    private static Map<Path, byte[]> snapshot(Path root) throws Exception {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/runs/")).toList()) {
                out.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void aMissingEntryIsReportedByEveryCommandAndNothingIsDeletedOrFilled() throws Exception {
        Fixture f = new Fixture(dir);
        f.table("t");
        Map<String, String> env = Cli.env("SEDIMENT_INSTANCE", f.root());
        assertThat(Cli.run(dir, env, "bulk-import", f.job("one", "t", f.input("a", 2000), Map.of()).toString()).exitCode()).isZero();
        assertThat(Cli.run(dir, env, "bulk-import", f.job("two", "t", f.input("b", 2000), Map.of()).toString()).exitCode()).isZero();
        Path table = dir.resolve("instance/tables/t");
        Files.move(table.resolve("log/00000000000000000002.json"), dir.resolve("entry-2-moved-away.json"));
        Map<Path, byte[]> before = snapshot(table);

        Cli describe = Cli.run(dir, env, "table", "describe", "t");
        Cli gc = Cli.run(dir, env, "gc", "t", "--older-than", "0s");
        Cli importer = Cli.run(dir, env, "bulk-import", f.job("three", "t", f.input("c", 100), Map.of()).toString());

        for (Cli cli : new Cli[]{describe, gc, importer}) {
            assertThat(cli.exitCode()).as("%s", cli).isEqualTo(1);
            assertThat(cli.output()).as("%s", cli).contains("log entry 2 (", "is missing, but the log goes on to entry 3")
                    .doesNotContain("\tat ", "Exception");
        }
        assertThat(snapshot(table)).as("the table's files").containsOnlyKeys(before.keySet().toArray(Path[]::new));
        assertThat(snapshot(table).entrySet()).allSatisfy(e -> assertThat(e.getValue()).isEqualTo(before.get(e.getKey())));

        Files.move(dir.resolve("entry-2-moved-away.json"), table.resolve("log/00000000000000000002.json"));
        f.assertIntact("t", Fixture.union(Fixture.values("a", 2000), Fixture.values("b", 2000)));
        assertThat(Set.copyOf(f.strays("t"))).isEmpty();
    }
}
