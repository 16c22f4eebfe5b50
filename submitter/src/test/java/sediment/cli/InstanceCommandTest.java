package sediment.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.storage.LocalStorage;
import sediment.core.testutil.LogSnapshot;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shouldInitialiseAnInstanceAndLeaveItAloneTheSecondTime() {
        Path dir = tmp.resolve("inst");

        Cli.Result first = Cli.run("instance", "init", "--instance", dir.toString()).succeeded();

        assertThat(first.out().strip()).isEqualTo("Instance ready at " + LocalStorage.qualify(dir));
        assertThat(dir.resolve("instance.properties")).exists();
        assertThat(dir.resolve("tables")).isDirectory();
        LogSnapshot before = LogSnapshot.of(dir);
        Cli.run("instance", "init", "--instance", "file://" + dir).succeeded();
        before.assertUnchanged();
    }

    @Test
    void shouldReportAnInvalidLocation() {
        assertThat(Cli.run("instance", "init", "--instance", "file://nas/share").userError())
                .startsWith("Invalid location file://nas/share: ").contains("names a file on host 'nas'");
    }

    @Test
    void shouldSayHowToCreateAnInstanceWhenThereIsNone() {
        Path dir = tmp.resolve("missing");
        assertThat(Cli.run("table", "list", "--instance", dir.toString()).userError())
                .isEqualTo("No Sediment instance at " + LocalStorage.qualify(dir) + " (no instance.properties): run"
                        + " 'sediment instance init' first, or name another with --instance or SEDIMENT_INSTANCE");
    }
}
