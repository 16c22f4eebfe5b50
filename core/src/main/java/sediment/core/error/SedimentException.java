package sediment.core.error;

/**
 * An error a user can act on. Its message is one line that says what could not be done, why, and
 * where (file, field, line and column), so the command line can print it without a stack trace.
 */
public class SedimentException extends RuntimeException {
    public SedimentException(String message) {
        super(message);
    }

    public SedimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
