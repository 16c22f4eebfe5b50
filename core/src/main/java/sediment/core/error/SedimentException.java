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

    /**
     * The first line of the deepest cause's message: what a failed task or library call really said (a full disk,
     * a bad file), without the wrappers Spark and Hadoop put around it.
     */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.split("\n")[0];
    }
}
