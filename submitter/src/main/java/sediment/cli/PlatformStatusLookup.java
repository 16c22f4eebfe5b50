package sediment.cli;

import sediment.core.instance.Instance;
import sediment.core.status.JobStatus;
import sediment.submit.AwsFailure;
import sediment.submit.CombinedStatus;
import sediment.submit.Launchers;
import sediment.submit.Platform;
import sediment.submit.PlatformStatus;
import sediment.submit.PlatformView;
import sediment.submit.SubmissionStore;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/** For {@code status JOB}: the platform's view of a job the submitter launched on a cluster, merged with its records. */
final class PlatformStatusLookup {
    private PlatformStatusLookup() {
    }

    /**
     * The job's records alone when it was not launched on a cluster. When the platform cannot be asked (no
     * credentials, no answer), that is a warning: the job's own records are still worth showing.
     */
    static CombinedStatus combine(Instance instance, JobStatus recorded, AwsOptions aws, PrintWriter err) {
        Optional<SubmissionStore.Submission> submission = new SubmissionStore(instance).find(recorded.jobId())
                .filter(SubmissionStore.Submission::launched)
                .filter(s -> Arrays.stream(Platform.values()).anyMatch(p -> p.remote() && p.cliName().equals(s.platform())));
        if (submission.isEmpty()) {
            return CombinedStatus.of(recorded, null);
        }
        try (Launchers launchers = new Launchers(aws.clients())) {
            PlatformView view = new PlatformStatus(launchers, launchers.region().id(), instance.properties())
                    .ask(recorded.jobId(), submission.get()).orElse(null);
            return CombinedStatus.of(recorded, view);
        } catch (AwsFailure | sediment.core.error.InvalidInputException e) {
            err.println("warning: could not ask " + submission.get().platform() + " about job " + recorded.jobId() + ": "
                    + e.getMessage() + " (showing the job's own records; --no-platform skips asking)");
            err.flush();
            return CombinedStatus.of(recorded, null);
        }
    }
}
