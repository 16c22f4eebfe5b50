package sediment.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestJvm;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real entry point in its own JVM: exit codes reach the shell and output is flushed before exit. */
class SedimentCliProcessTest {
    @TempDir
    Path tmp;

    @Test
    void shouldPrintAllOutputAndExitWithTheCommandsCode() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        instance.createTable("t", TestSchemas.LONG_KEY, 10L);

        // describe's text form ends without a trailing flush of its own; it must still all arrive.
        TestJvm describe = TestJvm.start(tmp.resolve("out"), SedimentCli.class, "table", "describe", "t", "--instance", instance.root());
        assertThat(describe.waitFor(60)).isZero();
        assertThat(describe.output()).contains("Table t (version 1)", "p0", "p1");

        TestJvm missing = TestJvm.start(tmp.resolve("out"), SedimentCli.class, "table", "describe", "nope", "--instance", instance.root());
        assertThat(missing.waitFor(60)).isEqualTo(1);
        assertThat(missing.output().strip()).isEqualTo("error: Table 'nope' does not exist in instance " + instance.root() + " (tables: t)");

        TestJvm usage = TestJvm.start(tmp.resolve("out"), SedimentCli.class, "table", "describe");
        assertThat(usage.waitFor(60)).isEqualTo(2);
    }
}
