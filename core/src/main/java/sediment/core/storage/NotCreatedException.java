package sediment.core.storage;

import java.io.IOException;

/**
 * A create that certainly did not happen: it failed before the file could appear under its name (a
 * full disk while writing the temporary copy, say). Unlike other I/O errors, which leave the outcome
 * unknown, this lets a committer say that nothing was committed.
 */
public final class NotCreatedException extends IOException {
    public NotCreatedException(String message, IOException cause) {
        super(message, cause);
    }
}
