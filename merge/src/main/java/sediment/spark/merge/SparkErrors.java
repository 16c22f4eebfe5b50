package sediment.spark.merge;

import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;

/**
 * Turns Spark's exceptions into Sediment's one-line errors: Spark's messages span lines, start with
 * an error class in brackets and arrive wrapped in job failures.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    /** Prefix of the messages the merge raises from tasks with {@code raise_error}, so they can be found again. */
    static final String MARK = "[SEDIMENT] ";

    /** The user-facing error inside {@code e}, if it holds one: a Sediment error, or a check the merge raised in a task. */
    static RuntimeException translate(String what, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SedimentException s) {
                return s;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(MARK)) {
                return new InvalidInputException(what + ": " + clean(m.substring(m.indexOf(MARK) + MARK.length())), e);
            }
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new SedimentException(what + ": the Spark job failed: " + root.getClass().getSimpleName() + ": "
                + FileSource.firstLine(root.getMessage()), e);
    }

    /** The first line of a Spark message, without its error class and SQLSTATE. */
    static String clean(String message) {
        String m = FileSource.firstLine(message);
        if (m.startsWith("[")) {
            int close = m.indexOf("] ");
            if (close > 0) {
                m = m.substring(close + 2);
            }
        }
        int state = m.indexOf(" SQLSTATE:");
        if (state > 0) {
            m = m.substring(0, state);
        }
        return m.strip();
    }
}
