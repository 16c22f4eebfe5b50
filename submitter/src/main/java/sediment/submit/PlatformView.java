package sediment.submit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Where a platform says a launched job is, as it says it.
 *
 * @param launchedOn where the submitter launched the job (its submission record)
 * @param state      the platform's own state name (an EMR step's, an execution's, a job run's)
 * @param ended      the platform has finished with the job, one way or another
 * @param succeeded  it ended and the platform calls that a success (which the job's own record may contradict)
 * @param reason     the platform's reason when it failed or stopped the job, else null
 * @param look       where a user looks next: consoles, log locations, commands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformView(String platform, String launchedOn, String state, boolean ended, boolean succeeded, String reason,
                           List<String> look) {
    public PlatformView {
        look = List.copyOf(look);
    }
}
