package dev.futures;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The results of {@link Executor#map}, in input order, or in completion order when
 * {@link MapOptions#withOrdered(boolean) ordered} is off. Single-use and meant for one thread;
 * {@link #iterator()} returns this iterator so it fits a for-each loop.
 *
 * <p>{@code next()} first submits one more input (lazy mode), then waits for the oldest call.
 * When the deadline passes, the call waited on and every call not yet yielded are cancelled
 * (gh-95166) and {@link TimeoutError} is thrown. A failed call throws its exception; without
 * {@code keepGoing} that also cancels the rest and ends the iteration. {@link #close()} cancels
 * what was not yielded. Yielded results are not retained.
 */
public final class MapIterator<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    private final InFlight<R> inFlight;
    private final Iterator<?> moreInput;
    private final Function<Object, ? extends List<Future<R>>> submitGroup;
    private final long refillBelow;
    private final long deadline;
    private final boolean hasDeadline;
    private final boolean keepGoing;
    private boolean finished;

    /**
     * {@code inFlight} holds the calls already submitted; {@code moreInput} (null when eager)
     * feeds {@code submitGroup} while fewer than {@code refillBelow} calls are in flight.
     */
    @SuppressWarnings("unchecked")
    <A> MapIterator(InFlight<R> inFlight, Iterator<? extends A> moreInput,
            Function<? super A, ? extends List<Future<R>>> submitGroup, long refillBelow,
            long deadlineNanos, boolean hasDeadline, boolean keepGoing) {
        this.inFlight = inFlight;
        this.moreInput = moreInput;
        this.submitGroup = (Function<Object, ? extends List<Future<R>>>) submitGroup;
        this.refillBelow = refillBelow;
        this.deadline = deadlineNanos;
        this.hasDeadline = hasDeadline;
        this.keepGoing = keepGoing;
    }

    @Override
    public boolean hasNext() {
        return !finished && !inFlight.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Future<R> oldest;
        try {
            while (moreInput != null && inFlight.size() < refillBelow && moreInput.hasNext()) {
                submitGroup.apply(moreInput.next()).forEach(inFlight::add);
            }
            oldest = inFlight.takeNext(hasDeadline ? Math.max(0L, deadline - System.nanoTime()) : -1L);
        } catch (InterruptedException e) {
            close();
            throw new WaitInterruptedException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        if (!oldest.done()) {
            oldest.cancel();
            close();
            throw new TimeoutError();
        }
        try {
            return oldest.outcome();
        } catch (RuntimeException | Error failure) {
            // A task's own TimeoutError lands here too: it is that call's failure, not the
            // deadline (gh-155852).
            if (!keepGoing) {
                close();
            }
            throw failure;
        }
    }

    @Override
    public Iterator<R> iterator() {
        return this;
    }

    /** Ends the iteration and cancels every call not yet yielded; running calls go on. */
    @Override
    public void close() {
        finished = true;
        inFlight.cancelAll();
    }
}
