package sediment.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sediment command line in a JVM of its own, started as the launcher starts it (same main class,
 * same opens), so that kill -9, SIGSTOP and exit codes are real. Output goes to a file.
 */
final class Cli {
    private final Process process;
    private final Path output;
    private final List<String> args;

    private Cli(Process process, Path output, List<String> args) {
        this.process = process;
        this.output = output;
        this.args = args;
    }

    static Cli start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx700m");
        command.add("-XX:+UseSerialGC");
        for (String opt : System.getProperty("sediment.test.opens", "").split("\\s+")) {
            if (!opt.isBlank()) {
                command.add(opt);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("sediment.cli.SedimentCli");
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path output = Files.createTempFile(workDir, "cli-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.putAll(env);
        return new Cli(builder.start(), output, List.of(args));
    }

    static Cli run(Path workDir, Map<String, String> env, String... args) throws Exception {
        Cli cli = start(workDir, env, args);
        cli.waitFor(300);
        return cli;
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new AssertionError("sediment " + args + " did not finish within " + seconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    int exitCode() throws InterruptedException {
        return waitFor(300);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the kernel shows the process stopped (state T), as after SIGSTOP. */
    boolean isStopped() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }

    /** Waits (up to a minute) for the process to stop itself at a SEDIMENT_STOP_AT point, and fails if it does not. */
    void awaitStopped() throws Exception {
        for (int i = 0; i < 600 && process.isAlive() && !isStopped(); i++) {
            Thread.sleep(100);
        }
        if (!process.isAlive() || !isStopped()) {
            throw new AssertionError("expected the process to stop itself: " + this);
        }
    }

    void signal(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(cannot read output: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "sediment " + String.join(" ", args) + "\n" + output();
    }
}
