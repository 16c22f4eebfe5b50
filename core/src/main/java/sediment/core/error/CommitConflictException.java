package sediment.core.error;

/**
 * A transaction could not be committed because the table changed in a way that makes it invalid,
 * e.g. a file was added to a partition that has since been split. Nothing was committed, so the
 * caller may clean up what it wrote.
 */
public class CommitConflictException extends SedimentException {
    public CommitConflictException(String message) {
        super(message);
    }
}
