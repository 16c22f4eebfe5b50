package sediment.submit;

import sediment.core.error.SedimentException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS request failed after the SDK's retries. {@link #definite()} tells whether AWS answered
 * with an error (the request had no effect, so the job was not launched) or the outcome is unknown
 * (no answer: it may have been launched, so it must not be launched again without checking).
 */
public final class AwsFailure extends SedimentException {
    private final boolean definite;
    private final boolean throttled;

    private AwsFailure(String message, boolean definite, boolean throttled, Throwable cause) {
        super(message, cause);
        this.definite = definite;
        this.throttled = throttled;
    }

    public static AwsFailure of(String what, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage();
            boolean throttled = service.isThrottlingException();
            return new AwsFailure("Cannot " + what + ": AWS answered " + code + ": " + message
                    + (throttled ? " (still throttled after " + (service.numAttempts() == null ? "all" : service.numAttempts())
                    + " attempts with backoff; try again later)" : "")
                    + (service.requestId() == null ? "" : " (request id " + service.requestId() + ")"), true, throttled, e);
        }
        return new AwsFailure("Cannot " + what + ": no answer from AWS (" + e.getMessage()
                + "); the request may or may not have taken effect", false, false, e);
    }

    public boolean definite() {
        return definite;
    }

    public boolean throttled() {
        return throttled;
    }

    /** Worth trying again later: throttled, or no answer. */
    public boolean retryable() {
        return throttled || !definite;
    }
}
