package dev.futures.process;

import dev.futures.BrokenExecutor;

/** A worker died (or its initializer failed, or no worker could be started): the pool is unusable. */
public class BrokenProcessPool extends BrokenExecutor {
    private static final long serialVersionUID = 1L;

    /** CPython's text for submit on a broken pool. */
    public static final String POOL_MESSAGE =
            "A child process terminated abruptly, the process pool is not usable anymore";
    /** CPython's text for the futures that were running or pending. */
    public static final String FUTURE_MESSAGE =
            "A process in the process pool was terminated abruptly while the future was running or pending.";
    /** CPython main's text when a needed replacement worker cannot start (gh-115634). */
    public static final String REPLACEMENT_MESSAGE =
            "A replacement worker process could not be started, the process pool is not usable anymore";

    public BrokenProcessPool(String message) {
        super(message);
    }

    public BrokenProcessPool(String message, Throwable cause) {
        super(message, cause);
    }
}
