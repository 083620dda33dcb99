package dev.futures;

/** A thread initializer failed: queued futures fail with this and later submits throw it. */
public class BrokenThreadPool extends BrokenExecutor {
    private static final long serialVersionUID = 1L;

    /** CPython's text, verbatim: users and tests grep for it. */
    public static final String MESSAGE =
            "A thread initializer failed, the thread pool is not usable anymore";

    public BrokenThreadPool(String message) {
        super(message);
    }

    public BrokenThreadPool(String message, Throwable cause) {
        super(message, cause);
    }
}
