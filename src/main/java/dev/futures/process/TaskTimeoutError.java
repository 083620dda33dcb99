package dev.futures.process;

import dev.futures.TimeoutError;

/**
 * A task ran past its own timeout (spec §10 F2): its worker was killed and replaced, and the pool
 * goes on. Distinct from a {@code map} or {@code wait} deadline, which cancels nothing running.
 */
public class TaskTimeoutError extends TimeoutError {
    private static final long serialVersionUID = 1L;

    public TaskTimeoutError(String message) {
        super(message);
    }
}
