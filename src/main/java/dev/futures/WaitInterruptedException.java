package dev.futures;

/**
 * The thread was interrupted while it waited in {@code result()}, {@code wait} or a
 * {@code map}/{@code asCompleted} iteration. The interrupt flag is set again before this is
 * thrown, so callers further up still see it.
 */
public class WaitInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WaitInterruptedException(InterruptedException cause) {
        super("interrupted while waiting", cause);
        Thread.currentThread().interrupt();
    }
}
