package dev.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The iterator of {@link Futures#asCompleted}. It yields futures, never results: a failed
 * future is yielded like any other. It keeps no reference to a future it has yielded, and
 * {@link #close()} removes its waiter from the futures not yet yielded. Single-use and meant
 * for one thread; {@link #iterator()} returns this iterator so it fits a for-each loop.
 */
public final class AsCompletedIterator<F extends Future<?>> implements Iterator<F>, Iterable<F>, AutoCloseable {
    private final ArrayDeque<F> alreadyDone = new ArrayDeque<>();
    private final Set<F> pending = new LinkedHashSet<>();
    private final Waiter waiter = new Waiter();
    private final int total;
    private final long deadline;
    private final boolean hasDeadline;
    private boolean closed;
    private F taken;

    AsCompletedIterator(List<F> unique, Duration timeout) {
        long timeoutNanos = Future.nanos(timeout);
        this.hasDeadline = timeoutNanos >= 0;
        this.deadline = System.nanoTime() + Math.max(0L, timeoutNanos);
        this.total = unique.size();
        for (F future : unique) {
            if (future.installWaiter(waiter)) {
                pending.add(future);
            } else {
                alreadyDone.add(future);
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && (!alreadyDone.isEmpty() || !pending.isEmpty());
    }

    /**
     * The next future to complete.
     *
     * @throws TimeoutError when the deadline passes first; the iterator is then closed
     * @throws WaitInterruptedException if the thread is interrupted while it waits
     */
    @Override
    public F next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (!alreadyDone.isEmpty()) {
            return alreadyDone.poll();
        }
        String timedOut;
        try {
            timedOut = awaitNextOrTimeout();
        } catch (InterruptedException e) {
            throw new WaitInterruptedException(e);
        }
        if (timedOut == null) {
            F yielded = taken;
            taken = null; // keep no reference to what was yielded
            return yielded;
        }
        // Outside the waiter's monitor: close() takes the futures' monitors (lock order, see Waiter).
        close();
        throw new TimeoutError(timedOut);
    }

    /** Sets {@link #taken} and returns null, or returns the timeout message. */
    private String awaitNextOrTimeout() throws InterruptedException {
        synchronized (waiter) {
            while (true) {
                @SuppressWarnings("unchecked")
                F completed = (F) waiter.poll();
                if (completed != null) {
                    pending.remove(completed);
                    taken = completed;
                    return null;
                }
                if (!hasDeadline) {
                    waiter.wait();
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return pending.size() + " (of " + total + ") futures unfinished";
                }
                TimeUnit.NANOSECONDS.timedWait(waiter, remaining);
            }
        }
    }

    @Override
    public Iterator<F> iterator() {
        return this;
    }

    /** Stops the iteration and detaches from the futures not yet yielded. Nothing is cancelled. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        alreadyDone.clear();
        for (F future : pending) {
            future.removeWaiter(waiter);
        }
        pending.clear();
    }
}
