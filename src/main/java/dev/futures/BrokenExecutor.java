package dev.futures;

/** An executor that can no longer run work; base of {@link BrokenThreadPool} and the process pool's error. */
public class BrokenExecutor extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenExecutor(String message) {
        super(message);
    }

    public BrokenExecutor(String message, Throwable cause) {
        super(message, cause);
    }
}
