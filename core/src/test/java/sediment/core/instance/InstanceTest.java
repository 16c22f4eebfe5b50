package sediment.core.instance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.partition.Partition;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.LogSnapshot;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceTest {
    @TempDir
    Path tmp;

    @Test
    void shouldInitialiseADirectoryWithPropertiesAndTables() {
        Path dir = tmp.resolve("inst");

        Instance instance = Instance.init(dir.toString(), null);

        assertThat(dir.resolve("instance.properties")).exists();
        assertThat(dir.resolve("tables")).isDirectory();
        assertThat(instance.root()).isEqualTo(LocalStorage.qualify(dir));
        assertThat(instance.properties()).containsEntry("sleeper.id", "sediment");
        assertThat(instance.tableNames()).isEmpty();
    }

    @Test
    void shouldLeaveAnExistingInstanceUnchangedWhenInitialisedAgain() throws Exception {
        Path dir = tmp.resolve("inst");
        Instance.init(dir.toString(), null);
        Files.writeString(dir.resolve("instance.properties"), "sleeper.id=mine\n");
        LogSnapshot before = LogSnapshot.of(dir);

        Instance again = Instance.init("file://" + dir + "/", null);

        before.assertUnchanged();
        assertThat(again.properties()).containsEntry("sleeper.id", "mine");
    }

    @Test
    void shouldOpenTheSameInstanceWhateverTheSpellingOfItsLocation() {
        Path dir = tmp.resolve("inst");
        Instance.init(dir.toString(), null);

        assertThat(Instance.open("file:" + dir).root()).isEqualTo(LocalStorage.qualify(dir));
        assertThat(Instance.open("file://" + dir + "/").root()).isEqualTo(LocalStorage.qualify(dir));
        assertThat(Instance.open("file://localhost" + dir).root()).isEqualTo(LocalStorage.qualify(dir));
    }

    @Test
    void shouldExplainHowToCreateAMissingInstance() {
        Path dir = tmp.resolve("nowhere");
        assertThatThrownBy(() -> Instance.open(dir.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessage("No Sediment instance at " + LocalStorage.qualify(dir) + " (no instance.properties): run"
                        + " 'sediment instance init' first, or name another with --instance or SEDIMENT_INSTANCE");
    }

    @Test
    void shouldTakeTheLocationFromTheOptionThenTheEnvironmentThenTheDefault() {
        Map<String, String> env = Map.of("SEDIMENT_INSTANCE", "/from/env");
        assertThat(Instance.location("/from/option", env)).isEqualTo("/from/option");
        assertThat(Instance.location(null, env)).isEqualTo("/from/env");
        assertThat(Instance.location("  ", env)).isEqualTo("/from/env");
        assertThat(Instance.location(null, Map.of())).isEqualTo("sediment-instance");
        assertThat(Instance.location(null, Map.of("SEDIMENT_INSTANCE", ""))).isEqualTo("sediment-instance");
    }

    @Test
    void shouldCreateTablesAndListThemByName() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("zeta", TestSchemas.LONG_KEY);
        Table alpha = instance.createTable("alpha", TestSchemas.STRING_KEY, "m");

        assertThat(instance.reopen().tableNames()).containsExactly("alpha", "zeta");
        assertThat(alpha.state().partitions().leaves()).extracting(Partition::id).containsExactly("p0", "p1");
        assertThat(alpha.path()).isEqualTo(instance.root() + "/tables/alpha");
        assertThat(alpha.dataPath()).isEqualTo(instance.root() + "/tables/alpha/data");
        assertThat(instance.tableDir("alpha").resolve("log/00000000000000000001.json")).exists();
    }

    @Test
    void shouldIgnoreDirectoriesThatAreNotTables() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Files.createDirectories(instance.dir().resolve("tables/half-made/log"));

        assertThat(instance.reopen().tableNames()).isEmpty();
        assertThat(instance.instance().tableExists("half-made")).isFalse();
    }

    @Test
    void shouldNameTheKnownTablesWhenATableIsMissing() {
        TempInstance instance = TempInstance.create(tmp);
        assertThatThrownBy(() -> instance.reopen().table("t")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Table 't' does not exist in instance " + instance.root() + " (it has no tables)");
        instance.createTable("a", TestSchemas.LONG_KEY);
        instance.createTable("b", TestSchemas.LONG_KEY);
        assertThatThrownBy(() -> instance.reopen().table("c")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Table 'c' does not exist in instance " + instance.root() + " (tables: a, b)");
        assertThatThrownBy(() -> instance.reopen().table("../a")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Table '../a' does not exist");
    }

    @Test
    void shouldRefuseBadTableNamesAndExistingTablesWithoutChangingAnything() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, 5L);
        LogSnapshot before = LogSnapshot.of(instance.dir());

        for (String bad : List.of("", "../escape", "a/b", "-leading", "x".repeat(129), "white space")) {
            assertThatThrownBy(() -> instance.createTable(bad, TestSchemas.LONG_KEY)).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Invalid table name '" + bad + "'");
        }
        assertThatThrownBy(() -> instance.createTable("t", TestSchemas.STRING_KEY)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot create table 't': it already exists in instance " + instance.root());
        before.assertUnchanged();
    }

    @Test
    void shouldRefuseSplitPointsOutOfOrderWithoutWritingAnything() {
        TempInstance instance = TempInstance.create(tmp);
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThatThrownBy(() -> instance.createTable("t", TestSchemas.LONG_KEY, List.of(20L, 10L),
                Map.of("sleeper.table.statestore.snapshot.interval", "5")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Split points are not in increasing order");
        before.assertUnchanged();
    }

    @Test
    void shouldKeepTablePropertiesWithTheTable() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, List.of(), Map.of("sleeper.table.compression.codec", "zstd"));

        Table table = instance.reopen().table("t");

        assertThat(table.properties()).containsEntry("sleeper.table.compression.codec", "zstd");
        assertThat(table.settings(Map.of()).get(SedimentProperties.COMPRESSION_CODEC)).isEqualTo("zstd");
    }

    @Test
    void shouldRefuseACommitAttemptsSettingBelowOne() {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY);
        Map<String, String> zero = Map.of("sleeper.table.statestore.commit.attempts", "0");
        Map<String, String> notANumber = Map.of("sleeper.table.statestore.snapshot.interval", "often");
        LogSnapshot before = LogSnapshot.of(instance.dir());

        assertThatThrownBy(() -> instance.createTable("u", TestSchemas.LONG_KEY, List.of(), zero))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Property sleeper.table.statestore.commit.attempts must be at least 1, not 0");
        assertThatThrownBy(() -> instance.createTable("u", TestSchemas.LONG_KEY, List.of(), notANumber))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Property sleeper.table.statestore.snapshot.interval must be a whole number, not 'often'");
        before.assertUnchanged();
    }

    @Test
    void shouldReportUnreadablePropertiesFiles() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Files.writeString(instance.dir().resolve("instance.properties"), "sleeper.id=\\uZZZZ\n");

        assertThatThrownBy(() -> Instance.open(instance.root())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Cannot read " + instance.root() + "/instance.properties: ");
    }

    @Test
    void shouldReportPropertyNamesThatAreNotDeclared() {
        assertThat(Instance.unknownProperties(Map.of("sleeper.table.compression.codec", "zstd",
                "sleeper.default.page.size", "1", "sleeper.table.compresion.codec", "x"))).containsExactly("sleeper.table.compresion.codec");
    }
}
