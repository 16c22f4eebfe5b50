package sediment.core.error;

/** A run's commit was refused because gc revoked the run while it was stopped or cut off. */
public final class RunRevokedException extends CommitConflictException {
    public RunRevokedException(String message) {
        super(message);
    }
}
