package sediment.submit;

import com.fasterxml.jackson.annotation.JsonInclude;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.storage.Storage;
import sediment.core.util.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One record per job id under {@code <instance>/submissions/}, created before the job is launched
 * and completed with where it was launched. Creating the record is the claim that makes a job id
 * launch at most once: of two submitters (or a queue message delivered twice) only one creates it.
 */
public final class SubmissionStore {
    private final Storage storage;
    private final String dir;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Submission(String jobId, String platform, String claimed, String launchedOn) {
        public boolean launched() {
            return launchedOn != null;
        }
    }

    public SubmissionStore(Instance instance) {
        this.storage = instance.storage();
        this.dir = instance.path("submissions");
    }

    private String path(String jobId) {
        return Storage.join(dir, jobId + ".json");
    }

    /** Claims the job id; empty if this call created the claim, else the record that was already there. */
    public Optional<Submission> claim(String jobId, Platform platform) {
        Submission claim = new Submission(jobId, platform.cliName(), Instant.now().toString(), null);
        try {
            byte[] content = Json.MAPPER.writeValueAsBytes(claim);
            boolean created;
            try {
                created = storage.createIfAbsent(path(jobId), content);
            } catch (UnsupportedOperationException e) {
                // Object stores without an atomic create: check, then write. Two racing submitters of one id
                // could both pass here; the platforms' own checks (execution names, cluster names) remain.
                created = !storage.exists(path(jobId));
                if (created) {
                    storage.write(path(jobId), content);
                }
            }
            return created ? Optional.empty() : Optional.of(find(jobId).orElse(claim));
        } catch (IOException e) {
            throw new SedimentException("Cannot record the submission of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    public void launched(String jobId, Platform platform, String where) {
        write(new Submission(jobId, platform.cliName(), Instant.now().toString(), where));
    }

    /** Gives the id back after a launch that certainly did not happen, so the job can be submitted again. */
    public void release(String jobId) {
        try {
            storage.delete(path(jobId));
        } catch (IOException e) {
            throw new SedimentException("Cannot release the submission of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    public Optional<Submission> find(String jobId) {
        try {
            Optional<byte[]> content = storage.readIfExists(path(jobId));
            return content.map(c -> Json.read(path(jobId), c, Submission.class));
        } catch (IOException e) {
            throw new SedimentException("Cannot read the submission of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    private void write(Submission submission) {
        try {
            storage.write(path(submission.jobId()), Json.MAPPER.writeValueAsBytes(submission));
        } catch (IOException e) {
            throw new SedimentException("Cannot record the submission of job " + submission.jobId() + ": " + e.getMessage(), e);
        }
    }
}
