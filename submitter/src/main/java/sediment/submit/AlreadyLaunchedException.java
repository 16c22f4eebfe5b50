package sediment.submit;

import sediment.core.error.SedimentException;

/** The job id was submitted before; it is not launched again. */
public final class AlreadyLaunchedException extends SedimentException {
    private final boolean launched;

    public AlreadyLaunchedException(String message, boolean launched) {
        super(message);
        this.launched = launched;
    }

    public AlreadyLaunchedException(String message, Throwable cause) {
        super(message, cause);
        this.launched = true;
    }

    /** True when the job is known to have been launched; false when an earlier launch may still be in progress. */
    public boolean launched() {
        return launched;
    }
}
