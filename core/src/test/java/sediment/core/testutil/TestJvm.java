package sediment.core.testutil;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a separate JVM running a main class from the test class path, for tests that need real
 * processes (e.g. several writers committing to one table log). Output goes to a file so a chatty
 * child cannot block on a full pipe.
 */
public final class TestJvm {
    private final Process process;
    private final Path output;

    private TestJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static TestJvm start(Path outputDir, Class<?> mainClass, String... args) throws IOException {
        return start(outputDir, List.of(), Map.of(), mainClass, args);
    }

    /**
     * With extra JVM options (after the defaults, so {@code -Xmx1g} overrides them) and environment
     * variables: e.g. a Spark child needs more heap and the parent's {@code --add-opens} flags
     * ({@link #addOpensOfThisJvm()}).
     */
    public static TestJvm start(Path outputDir, List<String> jvmOptions, Map<String, String> environment, Class<?> mainClass,
                                String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small and quick to start: these children do little work.
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Files.createDirectories(outputDir);
        Path output = Files.createTempFile(outputDir, mainClass.getSimpleName(), ".out");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
        return new TestJvm(process, output);
    }

    /** The {@code --add-opens} and {@code -Djdk.reflect...} options this JVM was started with (the build's Spark flags). */
    public static List<String> addOpensOfThisJvm() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).toList();
    }

    /** Waits for the process and returns its exit code; kills it after the timeout. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new AssertionError("Process did not finish within " + timeoutSeconds + "s; output:\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(cannot read output: " + e.getMessage() + ")";
        }
    }
}
