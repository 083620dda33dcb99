package dev.futures;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * An executor in the sense of CPython's {@code concurrent.futures.Executor}: {@link #submit},
 * {@link #map}, {@link #shutdown(boolean, boolean)}. Closing it (try-with-resources) is
 * {@code shutdown(wait=true)}, which waits for every queued call even when the block threw.
 */
public abstract class Executor implements AutoCloseable {

    /** Every executor is shut down with {@code wait=true} at JVM exit if still open (spec §4.5). */
    protected Executor() {
        InterpreterExit.register(this);
    }

    /**
     * For subclasses' submit, after their own broken-pool check (CPython's order: broken,
     * interpreter exit, shutdown), with CPython's messages.
     *
     * @throws RejectedExecutionException once the JVM is exiting, or after {@code shutdown}
     */
    protected static void refuseIfClosed(boolean shutdown) {
        // Exit first: the exit hook shuts pools down, and then this is the reason.
        if (InterpreterExit.exiting()) {
            throw new RejectedExecutionException("cannot schedule new futures after interpreter shutdown");
        }
        if (shutdown) {
            throw new RejectedExecutionException("cannot schedule new futures after shutdown");
        }
    }

    /** For subclasses, from shutdown: the exit hook need not wait for this executor any more. */
    protected final void forgetAtExit() {
        InterpreterExit.unregister(this);
    }

    /**
     * Schedules {@code fn} and returns its pending future.
     *
     * @throws RejectedExecutionException {@code "cannot schedule new futures after shutdown"}
     * @throws BrokenExecutor once the executor is broken
     */
    public abstract <T> Future<T> submit(Callable<T> fn);

    /** Schedules {@code fn}; its future's result is {@code null}. */
    public Future<Void> submit(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        return submit(() -> {
            fn.run();
            return null;
        });
    }

    /** {@code map(fn, inputs)}: eager, no deadline, stops at the first failure. */
    public <A, R> MapIterator<R> map(MapFunction<? super A, ? extends R> fn, Iterable<? extends A> inputs) {
        return map(fn, inputs, MapOptions.defaults());
    }

    /**
     * Applies {@code fn} to every input concurrently and yields the results in input order; see
     * {@link MapOptions} for the deadline, lazy submission and what a failure does. For several
     * argument lists, zip them first ({@link Zip#of}).
     */
    public <A, R> MapIterator<R> map(MapFunction<? super A, ? extends R> fn, Iterable<? extends A> inputs, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        return startMap(inputs, options, input -> submit(() -> fn.apply(input)));
    }

    /**
     * For executors that submit differently (the process pool): submits the first inputs as
     * {@code options} say and returns the iterator that submits the rest.
     */
    protected <A, R> MapIterator<R> startMap(Iterable<? extends A> inputs, MapOptions options,
            Function<? super A, Future<R>> submitOne) {
        return startMap(inputs, options, 1, input -> List.of(submitOne.apply(input)));
    }

    /**
     * Like {@link #startMap(Iterable, MapOptions, Function)} for executors that
     * submit a group of inputs at once (the process pool's chunks): each input of
     * {@code groups} is one group of up to {@code groupSize} calls, and {@code buffersize}
     * counts groups, as CPython's chunked map does.
     */
    protected <A, R> MapIterator<R> startMap(Iterable<? extends A> groups, MapOptions options, int groupSize,
            Function<? super A, ? extends List<Future<R>>> submitGroup) {
        Objects.requireNonNull(groups, "inputs");
        Objects.requireNonNull(options, "options");
        // The deadline is fixed now, when map is called, as in CPython.
        long timeoutNanos = Future.nanos(options.timeout());
        long deadline = System.nanoTime() + Math.max(0L, timeoutNanos);
        Iterator<? extends A> it = groups.iterator();
        InFlight<R> inFlight = InFlight.create(options.ordered());
        long limit = options.lazy() ? (long) options.buffersize() * groupSize : Long.MAX_VALUE;
        while (inFlight.size() < limit && it.hasNext()) {
            submitGroup.apply(it.next()).forEach(inFlight::add);
        }
        // Lazy: each next() first tops the buffer up by one group, then waits (CPython 3.14).
        long refillBelow = limit == Long.MAX_VALUE ? 0 : limit + 1;
        return new MapIterator<>(inFlight, options.lazy() ? it : null, submitGroup, refillBelow, deadline,
                timeoutNanos >= 0, options.keepGoing());
    }

    /**
     * Stops accepting work. {@code cancelFutures} cancels every call not yet started;
     * {@code wait} blocks until running and remaining queued calls are done. Idempotent.
     */
    public abstract void shutdown(boolean wait, boolean cancelFutures);

    /** {@code shutdown(wait=true)}. */
    public void shutdown() {
        shutdown(true, false);
    }

    /** {@code shutdown(wait=true)}: the context manager's exit. */
    @Override
    public void close() {
        shutdown(true, false);
    }
}
