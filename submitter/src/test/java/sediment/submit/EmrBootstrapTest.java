package sediment.submit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** emr-bootstrap/bootstrap.sh: shellcheck-clean, idempotent, and loud when a node cannot run Sediment. */
class EmrBootstrapTest {
    private static final Path SCRIPT = Path.of("../emr-bootstrap/bootstrap.sh").toAbsolutePath().normalize();

    @TempDir
    Path root;

    record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static boolean onPath(String tool) {
        try {
            return run(List.of("sh", "-c", "command -v " + tool), Map.of()).exit() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void shouldPassShellcheck() throws Exception {
        // CI installs shellcheck (.ci/run); elsewhere the check is skipped when it is missing.
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(onPath("shellcheck"), "shellcheck is not installed");
        }
        Run result = run(List.of("shellcheck", "--severity=style", SCRIPT.toString()), Map.of());
        assertThat(result.out() + result.err()).isEmpty();
        assertThat(result.exit()).isZero();
    }

    @Test
    void shouldLeaveTheNodeTheSameWhenRunTwice() throws Exception {
        Map<String, String> env = Map.of("SEDIMENT_BOOTSTRAP_ROOT", root.toString());
        Run first = run(List.of("bash", SCRIPT.toString()), env);
        String limits = Files.readString(root.resolve("etc/security/limits.d/90-sediment.conf"));
        Run second = run(List.of("bash", SCRIPT.toString()), env);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out()).startsWith("sediment bootstrap: node ready (Java ");
        assertThat(Files.readString(root.resolve("etc/security/limits.d/90-sediment.conf"))).isEqualTo(limits)
                .contains("yarn   hard nofile 65536");
        assertThat(Files.isDirectory(root.resolve("mnt/sediment/tmp"))).isTrue();
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }

    @Test
    void shouldFailLoudlyWithoutJava17() throws Exception {
        Path oldJava = root.resolve("java");
        Files.writeString(oldJava, "#!/bin/sh\necho 'openjdk version \"1.8.0_392\"' >&2\n");
        assertThat(oldJava.toFile().setExecutable(true)).isTrue();

        Run missing = run(List.of("bash", SCRIPT.toString()), Map.of("SEDIMENT_BOOTSTRAP_ROOT", root.toString(),
                "SEDIMENT_JAVA", root.resolve("no-java").toString()));
        Run old = run(List.of("bash", SCRIPT.toString()), Map.of("SEDIMENT_BOOTSTRAP_ROOT", root.toString(),
                "SEDIMENT_JAVA", oldJava.toString()));

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("sediment bootstrap: no java on this node: use an EMR 7 release"
                + " (sleeper.default.bulk.import.emr.release.label)\n");
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.err()).isEqualTo("sediment bootstrap: Java 1.8.0_392 found, Sediment needs 17 or later: use an EMR 7 release\n");
        assertThat(root.resolve("etc")).doesNotExist();
    }

    @Test
    void shouldBeExecutable() throws IOException {
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
        assertThat(Files.readAllLines(SCRIPT).get(0)).isEqualTo("#!/usr/bin/env bash");
    }
}
