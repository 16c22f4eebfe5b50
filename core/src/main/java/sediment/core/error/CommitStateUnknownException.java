package sediment.core.error;

/**
 * Whether a transaction was committed is not known (e.g. the write of a log entry failed half
 * way). The caller must not delete the files the transaction refers to.
 */
public class CommitStateUnknownException extends SedimentException {
    public CommitStateUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
