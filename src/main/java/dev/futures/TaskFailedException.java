package dev.futures;

/**
 * Carries a checked exception thrown by a task out of the unchecked, Pythonic
 * {@link Future#result()}; unchecked exceptions and errors are rethrown as they are.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskFailedException(Throwable cause) {
        super(cause.toString(), cause);
    }
}
