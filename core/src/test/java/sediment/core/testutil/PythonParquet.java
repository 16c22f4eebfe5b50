package sediment.core.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes test input with other engines' Parquet writers, DuckDB and pyarrow, as users' files come.
 * The modules are found, or else installed with pip (their wheels install offline on the build
 * machines); if neither works the test fails saying so, as the moto tests do, rather than skip:
 * these are the files users bring. {@code SEDIMENT_PYTHON} names the interpreter (default python3).
 */
public final class PythonParquet {
    private static final String PYTHON = System.getenv().getOrDefault("SEDIMENT_PYTHON", "python3");
    private static boolean ready;

    private PythonParquet() {
    }

    /** Runs a Python script with arguments (sys.argv[1:]) after making sure duckdb and pyarrow import. */
    public static void run(String script, String... args) {
        ensureModules();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Result r = exec(command, 120);
        if (r.exit != 0) {
            throw new IllegalStateException("python failed (" + r.exit + "): " + r.output);
        }
    }

    private static synchronized void ensureModules() {
        if (ready) {
            return;
        }
        List<String> check = List.of(PYTHON, "-c", "import duckdb, pyarrow");
        if (exec(check, 60).exit != 0) {
            Result install = exec(List.of(PYTHON, "-m", "pip", "install", "--quiet", "duckdb", "pyarrow"), 600);
            if (install.exit != 0 || exec(check, 60).exit != 0) {
                throw new IllegalStateException("these tests need DuckDB and pyarrow for Python: '" + PYTHON
                        + " -m pip install duckdb pyarrow' failed: " + install.output);
            }
        }
        ready = true;
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
