package sediment.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import sediment.core.error.SedimentException;
import sediment.core.instance.SedimentProperties;
import sediment.core.instance.Table;
import sediment.core.storage.Storage;
import sediment.core.util.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs that write into one table, under {@code <table>/runs/}. A run registers before it writes
 * its first data file ({@code <runId>.json}, created exclusively), keeps {@code <runId>.heartbeat}
 * fresh while it works, and marks {@code <runId>.finished} once it can no longer commit (committed,
 * failed, or found the job already committed). gc reads these to tell files of a run that may still
 * commit from garbage; status reads them to tell a running job from a dead one.
 */
public final class RunRegistry {
    private static final String REGISTRATION = ".json";
    private static final String HEARTBEAT = ".heartbeat";
    private static final String FINISHED = ".finished";

    private final Storage storage;
    private final String dir;
    private final Duration heartbeatInterval;
    private final Duration leaseTimeout;

    public RunRegistry(Storage storage, String dir, Duration heartbeatInterval, Duration leaseTimeout) {
        this.storage = storage;
        this.dir = dir;
        this.heartbeatInterval = heartbeatInterval;
        this.leaseTimeout = leaseTimeout;
    }

    public static RunRegistry of(Table table) {
        var settings = table.settings(Map.of());
        return new RunRegistry(table.instance().storage(), Storage.join(table.path(), "runs"),
                settings.getSeconds(SedimentProperties.JOB_HEARTBEAT_SECONDS),
                settings.getSeconds(SedimentProperties.JOB_LEASE_SECONDS));
    }

    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    /** What a run registered, as stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registration(String runId, String jobId, String kind, String host, long pid, String started) {
    }

    /** A registered run as seen now: its registration, its last heartbeat (if any) and whether it finished. */
    public record RunRecord(Registration registration, Instant lastBeat, boolean finished) {
        public String runId() {
            return registration.runId();
        }

        /** Whether the run may still commit: not finished, and its heartbeat no older than the lease. */
        public boolean mayStillCommit(Duration leaseTimeout, Instant now) {
            return !finished && lastBeat != null && !lastBeat.plus(leaseTimeout).isBefore(now);
        }

        public String describe(Instant now) {
            Registration r = registration;
            return "run " + r.runId() + " of job " + r.jobId() + " (" + r.kind() + ", pid " + r.pid() + " on " + r.host()
                    + ", started " + r.started() + (lastBeat == null ? ", no heartbeat"
                    : ", last heartbeat " + Duration.between(lastBeat, now).toSeconds() + " s ago") + ")";
        }
    }

    /** Registers a new run of {@code jobId} and starts its heartbeat. Call before writing any file. */
    public ActiveRun register(String jobId, String kind) {
        String runId = RunId.next();
        Registration registration = new Registration(runId, jobId, kind, host(), ProcessHandle.current().pid(),
                Instant.now().toString());
        try {
            byte[] content = Json.MAPPER.writeValueAsBytes(registration);
            if (!storage.createIfAbsent(path(runId, REGISTRATION), content)) {
                throw new SedimentException("Cannot register run " + runId + ": " + path(runId, REGISTRATION) + " exists");
            }
            Heartbeat heartbeat = Heartbeat.start(storage, path(runId, HEARTBEAT), heartbeatInterval, new byte[0]);
            return new ActiveRun(registration, heartbeat);
        } catch (IOException e) {
            throw new SedimentException("Cannot register a run of job " + jobId + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every registered run, read with one listing. */
    public List<RunRecord> runs() {
        try {
            Map<String, Instant> beats = new HashMap<>();
            Map<String, Boolean> finished = new HashMap<>();
            List<String> registered = new ArrayList<>();
            for (Storage.FileInfo f : storage.list(dir, false)) {
                String name = Storage.name(f.path());
                int dot = name.indexOf('.');
                if (dot <= 0 || !RunId.isRunId(name.substring(0, dot))) {
                    continue;
                }
                String runId = name.substring(0, dot);
                switch (name.substring(dot)) {
                    case REGISTRATION -> registered.add(runId);
                    case HEARTBEAT -> beats.put(runId, Instant.ofEpochMilli(f.modificationTime()));
                    case FINISHED -> finished.put(runId, true);
                    default -> {
                    }
                }
            }
            List<RunRecord> out = new ArrayList<>();
            for (String runId : registered) {
                read(runId).ifPresent(r -> out.add(new RunRecord(r, beats.get(runId), finished.getOrDefault(runId, false))));
            }
            return out;
        } catch (IOException e) {
            throw new SedimentException("Cannot list the runs in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Optional<RunRecord> find(String runId) {
        return runs().stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    private Optional<Registration> read(String runId) throws IOException {
        String path = path(runId, REGISTRATION);
        Optional<byte[]> content = storage.readIfExists(path);
        return content.map(bytes -> Json.read(path, bytes, Registration.class));
    }

    /** Deletes what a run left here; only for runs that can no longer commit. */
    public void forget(String runId) {
        for (String suffix : List.of(HEARTBEAT, FINISHED, REGISTRATION)) {
            try {
                storage.delete(path(runId, suffix));
            } catch (IOException e) {
                // Tiny files; the next gc tries again.
            }
        }
    }

    /** Interrupted writes of these files leave hidden temporary files; ones older than {@code cutoff} are abandoned. */
    public List<String> abandonedTemporaryFiles(long cutoffMillis) throws IOException {
        return storage.list(dir, false).stream().filter(f -> Storage.name(f.path()).startsWith(".")
                && Storage.name(f.path()).endsWith(".tmp") && f.modificationTime() < cutoffMillis).map(Storage.FileInfo::path).toList();
    }

    private String path(String runId, String suffix) {
        return Storage.join(dir, runId + suffix);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** A run in progress in this process. Closing it stops the heartbeat and marks the run finished. */
    public final class ActiveRun implements AutoCloseable {
        private final Registration registration;
        private final Heartbeat heartbeat;
        private boolean closed;

        private ActiveRun(Registration registration, Heartbeat heartbeat) {
            this.registration = registration;
            this.heartbeat = heartbeat;
        }

        public String runId() {
            return registration.runId();
        }

        /**
         * Marks the run finished: it will not commit any more, so its unreferenced files are garbage.
         * Call only once the run's commit has succeeded, been refused, or was never attempted.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            heartbeat.close();
            try {
                storage.createIfAbsent(path(runId(), FINISHED), new byte[0]);
            } catch (IOException | RuntimeException e) {
                // Without the marker the run looks dead once its heartbeat ages; gc then revokes it, which is safe.
            }
        }
    }
}
