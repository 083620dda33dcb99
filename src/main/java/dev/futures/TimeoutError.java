package dev.futures;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A wait ran out of time: {@code result(timeout)}, {@code exception(timeout)}, the deadline of a
 * {@code map} iteration, or {@code asCompleted} ({@code "2 (of 4) futures unfinished"}).
 * Nothing is cancelled by the timeout itself except where {@code map} says so.
 *
 * <p>Unchecked, like Python's. The JDK-compatible {@link Future#get(long, TimeUnit)}
 * still throws the checked {@link TimeoutException}.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutError() {
        super();
    }

    public TimeoutError(String message) {
        super(message);
    }
}
