package dev.futures.cli.jobs;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** {@code --delay}: each start at least the delay after the one before it (the first at once). */
public final class StartPacer {
    private final long delayNanos;
    private long last;
    private boolean started;

    public StartPacer(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    /** {@code element}, once its turn has come. */
    public <T> T paced(T element) {
        awaitTurn();
        return element;
    }

    /** Waits until the delay since the previous turn has passed; an interrupt ends the wait early. */
    synchronized void awaitTurn() {
        if (started) {
            long due = last + delayNanos;
            for (long left; (left = due - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted(); ) {
                LockSupport.parkNanos(this, left);
            }
        }
        started = true;
        last = System.nanoTime();
    }
}
