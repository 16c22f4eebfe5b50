package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.SedimentProperties;
import sediment.core.util.Json;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ecs/: the task definition agrees with the properties the launcher uses, the Dockerfile copies what the ecs-image
 * profile builds, and the entry point is shellcheck-clean and starts the command line on the class path it is given.
 */
class EcsImageFilesTest {
    private static final Path ECS = Path.of("../ecs").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void shouldDefineAFargateTaskWhoseContainerTheLauncherOverrides() throws Exception {
        JsonNode task = Json.MAPPER.readTree(Files.readString(ECS.resolve("task-definition.json")));

        assertThat(task.get("requiresCompatibilities").toString()).isEqualTo("[\"FARGATE\"]");
        assertThat(task.get("networkMode").asText()).as("RunTask sends an awsvpc network configuration").isEqualTo("awsvpc");
        assertThat(task.get("cpu").asText()).isEqualTo(SedimentProperties.INGEST_TASK_CPU.defaultValue());
        assertThat(task.get("memory").asText()).isEqualTo(SedimentProperties.INGEST_TASK_MEMORY.defaultValue());
        assertThat(task.get("taskRoleArn").asText()).startsWith("arn:aws:iam::");
        assertThat(task.get("executionRoleArn").asText()).startsWith("arn:aws:iam::");
        assertThat(task.get("containerDefinitions")).hasSize(1);
        JsonNode container = task.get("containerDefinitions").get(0);
        assertThat(container.get("name").asText()).isEqualTo(SedimentProperties.INGEST_TASK_CONTAINER_NAME.defaultValue());
        assertThat(container.at("/logConfiguration/logDriver").asText()).isEqualTo("awslogs");
        assertThat(container.at("/logConfiguration/options/awslogs-group").asText()).isNotBlank();
        assertThat(container.at("/logConfiguration/options/awslogs-stream-prefix").asText()).isNotBlank();
    }

    @Test
    void shouldBuildTheImageFromWhatTheProfileAndTheRepositoryHold() throws Exception {
        String dockerfile = Files.readString(ECS.resolve("Dockerfile"));
        String pom = Files.readString(ECS.resolve("../submitter/pom.xml"));

        assertThat(dockerfile).contains("COPY submitter/target/ecs-lib/ /opt/sediment/lib/",
                "COPY ecs/sediment-container /opt/sediment/bin/sediment", "ENTRYPOINT [\"/opt/sediment/bin/sediment\"]");
        assertThat(pom).contains("<id>ecs-image</id>", "<outputDirectory>${project.build.directory}/ecs-lib</outputDirectory>",
                "<artifactId>hadoop-aws</artifactId>", "<artifactId>commons-lang3</artifactId>");
        assertThat(Files.isExecutable(ECS.resolve("sediment-container"))).isTrue();
    }

    @Test
    void shouldPassShellcheck() throws Exception {
        // CI installs shellcheck (.ci/run); elsewhere the check is skipped when it is missing.
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(run(List.of("sh", "-c", "command -v shellcheck"), null).exit() == 0,
                    "shellcheck is not installed");
        }
        Run result = run(List.of("shellcheck", "--severity=style", ECS.resolve("sediment-container").toString()), null);

        assertThat(result.out() + result.err()).isEmpty();
        assertThat(result.exit()).isZero();
    }

    @Test
    void shouldStartTheCommandLineWithTheArgumentsItIsGiven() throws Exception {
        // The image's lib directory, made of this test's class path: its jars linked in, its class directories (this
        // module's own classes) packed as jars, since the entry point's lib/* takes jars only.
        Path lib = Files.createDirectory(tmp.resolve("lib"));
        int packed = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                jar(p, lib.resolve("classes-" + packed++ + ".jar"));
            } else if (entry.endsWith(".jar") && !Files.exists(lib.resolve(p.getFileName()))) {
                Files.createSymbolicLink(lib.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }

        Run version = run(List.of(ECS.resolve("sediment-container").toString(), "--version"), lib);
        Run badJob = run(List.of(ECS.resolve("sediment-container").toString(), "ingest", "--instance",
                tmp.resolve("no-instance").toString(), "--platform", "ecs", tmp.resolve("missing.json").toUri().toString()), lib);

        assertThat(version.exit()).as("%s", version.err()).isZero();
        assertThat(version.out()).startsWith("Sediment ");
        assertThat(badJob.exit()).as("a job the task cannot run fails the task").isEqualTo(1);
        assertThat(badJob.err()).startsWith("error: ").contains("missing.json");
    }

    record Run(int exit, String out, String err) {
    }

    private static void jar(Path dir, Path jar) throws Exception {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static Run run(List<String> command, Path lib) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("HADOOP_CONF_DIR");
        if (lib != null) {
            builder.environment().put("SEDIMENT_LIB", lib.toString());
            builder.environment().put("SEDIMENT_JAVA_OPTS", "-Xmx256m");
        }
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }
}
