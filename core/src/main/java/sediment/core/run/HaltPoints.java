package sediment.core.run;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named points in a commit protocol where the fault-injection tests make this process die as
 * {@code kill -9} would: {@link Runtime#halt} runs no shutdown hook and no finally block, so the
 * files on disk are exactly what a crash at that point leaves. Armed only when the environment
 * variable {@value #VARIABLE} (or the system property {@value #PROPERTY}) lists the point; otherwise
 * a call costs a set lookup. {@value #STOP_VARIABLE} lists points where the process instead stops
 * itself with SIGSTOP (heartbeat thread and all), as {@code kill -STOP} would, until sent SIGCONT.
 */
public final class HaltPoints {
    public static final String VARIABLE = "SEDIMENT_HALT_AT";
    public static final String PROPERTY = "sediment.haltAt";
    public static final String STOP_VARIABLE = "SEDIMENT_STOP_AT";
    /** The exit code of a halted process: what a shell reports for a process killed by SIGKILL. */
    public static final int EXIT_CODE = 137;
    private static final Set<String> ARMED = armed(System.getProperty(PROPERTY, System.getenv(VARIABLE)));
    private static final Set<String> STOPS = armed(System.getenv(STOP_VARIABLE));

    private HaltPoints() {
    }

    /**
     * SIGSTOP reaches the threads of this process one by one, so the thread that sent it may run on
     * for a while (through a whole commit, on a loaded machine) before it stops too. It therefore
     * waits for SIGCONT itself, seen by a handler, before going on.
     */
    private static void stopUntilContinued(String point) {
        java.util.concurrent.CountDownLatch continued = new java.util.concurrent.CountDownLatch(1);
        sun.misc.Signal.handle(new sun.misc.Signal("CONT"), signal -> continued.countDown());
        try {
            new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            continued.await();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot stop at " + point, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> armed(String spec) {
        if (spec == null || spec.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public static void reach(String point) {
        if (!ARMED.isEmpty() && ARMED.contains(point)) {
            System.err.println("sediment: halting at " + point + " (" + VARIABLE + ")");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        if (!STOPS.isEmpty() && STOPS.contains(point)) {
            System.err.println("sediment: stopping at " + point + " (" + STOP_VARIABLE + ")");
            System.err.flush();
            stopUntilContinued(point);
        }
    }
}
