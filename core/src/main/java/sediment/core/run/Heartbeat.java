package sediment.core.run;

import sediment.core.storage.Storage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows that a process is alive by rewriting one small file at a fixed interval. Others judge
 * liveness by the file's modification time as the storage records it (not by the writer's clock),
 * so machines with skewed clocks still agree. A heartbeat that cannot be written is retried at the
 * next beat; the process's own commit checks decide whether it may still commit.
 */
public final class Heartbeat implements AutoCloseable {
    private final Storage storage;
    private final String path;
    private final ScheduledExecutorService timer;
    private final AtomicReference<IOException> lastFailure = new AtomicReference<>();

    private Heartbeat(Storage storage, String path, Duration interval, byte[] content) throws IOException {
        this.storage = storage;
        this.path = path;
        storage.write(path, content);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sediment-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(() -> beat(content), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Writes the heartbeat file now and then every {@code interval} until closed. */
    public static Heartbeat start(Storage storage, String path, Duration interval, byte[] content) throws IOException {
        return new Heartbeat(storage, path, interval, content);
    }

    private void beat(byte[] content) {
        try {
            storage.write(path, content);
            lastFailure.set(null);
        } catch (IOException | RuntimeException e) {
            lastFailure.set(e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** When the heartbeat at {@code path} was last written, if it exists. */
    public static Optional<Instant> lastBeat(Storage storage, String path) throws IOException {
        String name = Storage.name(path);
        String dir = path.substring(0, path.length() - name.length());
        return storage.list(dir, false).stream().filter(f -> Storage.name(f.path()).equals(name))
                .map(f -> Instant.ofEpochMilli(f.modificationTime())).findFirst();
    }

    /** Whether the heartbeat at {@code path} was written within {@code timeout} of {@code now}. */
    public static boolean isAlive(Storage storage, String path, Duration timeout, Instant now) throws IOException {
        return lastBeat(storage, path).map(beat -> !beat.plus(timeout).isBefore(now)).orElse(false);
    }

    /** Stops beating. The file stays: a finished run's last beat ages out like a dead one's. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
