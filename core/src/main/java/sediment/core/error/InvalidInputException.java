package sediment.core.error;

/** Input that a user supplied (a file, a field, an argument) is wrong; nothing was changed. */
public class InvalidInputException extends SedimentException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
