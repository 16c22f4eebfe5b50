package sediment.submit;

import java.time.Instant;
import java.util.Optional;

/** Starts a planned job on one platform. */
public interface PlatformLauncher {

    /** Launches the job and says where it runs (a cluster, a step, an execution). */
    String launch(LaunchPlan plan);

    /**
     * Where the job was launched if an earlier attempt, claimed at {@code claimed}, did launch it but
     * did not live to record it; empty if it did not (or the platform refuses duplicates itself).
     */
    default Optional<String> findLaunched(LaunchPlan plan, Instant claimed) {
        return Optional.empty();
    }
}
