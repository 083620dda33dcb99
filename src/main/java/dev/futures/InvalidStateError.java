package dev.futures;

/**
 * {@code setResult}/{@code setException} on a future that is already done; the message is
 * CPython's {@code "FINISHED: <future>"}. The first outcome is kept.
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super(message);
    }
}
