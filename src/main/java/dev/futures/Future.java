package dev.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The result of an asynchronous computation, with the semantics of CPython's
 * {@code concurrent.futures.Future}; also a {@link java.util.concurrent.Future} for JDK interop.
 *
 * <p>State transitions (one monitor per future guards state, outcome, waiters and callbacks):
 * <pre>
 * PENDING  -> RUNNING                 setRunningOrNotifyCancel() returns true
 * PENDING  -> CANCELLED               cancel(); wakes result() waiters, wait() and asCompleted()
 * CANCELLED -> CANCELLED_AND_NOTIFIED setRunningOrNotifyCancel() returns false: the executor drops the work
 * PENDING or RUNNING -> FINISHED      setResult() / setException()
 * </pre>
 *
 * <p>Callbacks run exactly once, in registration order, outside the monitor, in the thread that
 * completes or cancels the future (or at once in the registering thread if already done).
 * Equality is identity, so sets of futures never merge two futures.
 *
 * <p>Over 400 lines because it is two contracts in one monitor: CPython's {@code Future} (states,
 * callbacks, the executor-side {@code set_*} methods) and {@code java.util.concurrent.Future};
 * split, the state machine would be shared across classes and its locking with it.
 *
 * @param <T> the type of the result; {@code null} is a legal result
 */
public class Future<T> implements java.util.concurrent.Future<T> {
    private static final System.Logger LOGGER = System.getLogger("dev.futures");

    private FutureState state = FutureState.PENDING;
    private T result;
    /** Non-null exactly when the future finished with an exception: {@code setException(null)} is refused. */
    private Throwable exception;
    private List<Consumer<? super Future<T>>> callbacks;
    private List<Waiter> waiters;
    /** Run once on PENDING -> RUNNING; null while none is registered, so the gate stays cheap. */
    private List<Runnable> runningCallbacks;

    /** A pending future; executors create these, and tests and users may too. */
    public Future() {
    }

    // ---------------------------------------------------------------- user side

    /**
     * Cancels the future unless it is running or finished. Returns true if the future is
     * cancelled when the call returns (also when it already was). Never interrupts running work.
     */
    public boolean cancel() {
        List<Consumer<? super Future<T>>> toRun;
        synchronized (this) {
            if (state == FutureState.RUNNING || state == FutureState.FINISHED) {
                return false;
            }
            if (state.isCancelled()) {
                return true;
            }
            state = FutureState.CANCELLED;
            // DEV (spec §3.3): waiters learn of the cancellation now, not when an executor
            // dequeues the item, so wait()/asCompleted() can never hang on a cancelled future.
            notifyWaiters(false);
            notifyAll();
            toRun = takeCallbacks();
        }
        runCallbacks(toRun);
        return true;
    }

    /**
     * JDK interop: the same as {@link #cancel()}. A running task is never interrupted, whatever
     * {@code mayInterruptIfRunning} says.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    public synchronized boolean cancelled() {
        return state.isCancelled();
    }

    public synchronized boolean running() {
        return state == FutureState.RUNNING;
    }

    public synchronized boolean done() {
        return state.isDone();
    }

    /** The current state; both cancelled states read as cancelled through {@link #cancelled()}. */
    public synchronized FutureState state() {
        return state;
    }

    @Override
    public boolean isCancelled() {
        return cancelled();
    }

    @Override
    public boolean isDone() {
        return done();
    }

    /**
     * Waits for the outcome and returns the value. A task's unchecked exception or error is
     * rethrown as it is, a checked one inside {@link TaskFailedException}.
     *
     * @throws CancelledError if the future was cancelled
     */
    public T result() {
        return result(-1L);
    }

    /**
     * Like {@link #result()}, waiting at most {@code timeout} (zero or negative: just look).
     *
     * @throws TimeoutError if the future is not done in time; the future is not cancelled
     */
    public T result(Duration timeout) {
        return result(nanos(timeout));
    }

    T result(long timeoutNanos) {
        awaitOrThrow(timeoutNanos);
        return outcome();
    }

    /** The exception the task raised, or {@code null} if it returned; never throws it. */
    public Throwable exception() {
        return exception(-1L);
    }

    /** Like {@link #exception()}, waiting at most {@code timeout}. */
    public Throwable exception(Duration timeout) {
        return exception(nanos(timeout));
    }

    private Throwable exception(long timeoutNanos) {
        awaitOrThrow(timeoutNanos);
        synchronized (this) {
            return exception;
        }
    }

    /**
     * Adds a callback that receives this future once it is done. If it already is, the callback
     * runs now, in this thread. A callback's exception is logged, not raised.
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        synchronized (this) {
            if (!state.isDone()) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(fn);
                return;
            }
        }
        runCallbacks(List.of(fn));
    }

    /**
     * Beyond CPython: adds a callback that runs once when an executor starts this future's work
     * (PENDING to RUNNING), in the executor's thread. Registered on a future that is running
     * already, it runs now, in this thread; on one that was cancelled or finished, never. This is
     * how a daemon's journal tells work that was running at a crash from work that never started.
     * A callback's exception is logged, not raised.
     */
    public void addRunningCallback(Runnable fn) {
        synchronized (this) {
            if (state == FutureState.PENDING) {
                if (runningCallbacks == null) {
                    runningCallbacks = new ArrayList<>(1);
                }
                runningCallbacks.add(fn);
                return;
            }
            if (state != FutureState.RUNNING) {
                return;
            }
        }
        runQuietly(fn);
    }

    private void runQuietly(Runnable fn) {
        try {
            fn.run();
        } catch (RuntimeException | Error e) {
            LOGGER.log(System.Logger.Level.ERROR, "exception calling running callback for " + this, e);
        }
    }

    /** JDK 19 style: the value of a future that finished successfully. */
    public synchronized T resultNow() {
        if (state != FutureState.FINISHED) {
            throw new IllegalStateException(state.isCancelled() ? "Task was cancelled" : "Task has not completed");
        }
        if (exception != null) {
            throw new IllegalStateException("Task completed with exception");
        }
        return result;
    }

    /** JDK 19 style: the exception of a future that failed. */
    public synchronized Throwable exceptionNow() {
        if (state != FutureState.FINISHED) {
            throw new IllegalStateException(state.isCancelled() ? "Task was cancelled" : "Task has not completed");
        }
        if (exception == null) {
            throw new IllegalStateException("Task completed with a result");
        }
        return exception;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        awaitDone(-1L);
        return outcomeForGet();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitDone(Math.max(0L, unit.toNanos(timeout)))) {
            throw new TimeoutException();
        }
        return outcomeForGet();
    }

    // ---------------------------------------------------------------- executor side

    /**
     * For executors: the one gate between pending and running. Returns true and marks the
     * future RUNNING if it was pending; returns false if it was cancelled (the executor must
     * then drop the work).
     *
     * @throws IllegalStateException {@code "Future in unexpected state"} in any other state
     */
    public boolean setRunningOrNotifyCancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (state == FutureState.CANCELLED) {
                // Waiters were already told in cancel(): they must not count this future twice.
                state = FutureState.CANCELLED_AND_NOTIFIED;
                return false;
            }
            if (state == FutureState.PENDING) {
                state = FutureState.RUNNING;
                toRun = runningCallbacks;
                runningCallbacks = null;
            } else {
                LOGGER.log(System.Logger.Level.ERROR, "Future " + this + " in unexpected state: " + state);
                throw new IllegalStateException("Future in unexpected state");
            }
        }
        if (toRun != null) {
            toRun.forEach(this::runQuietly);
        }
        return true;
    }

    /**
     * For executors: completes the future with a value.
     *
     * @throws InvalidStateError if it is already finished or cancelled; the first outcome stays
     */
    public void setResult(T value) {
        List<Consumer<? super Future<T>>> toRun;
        synchronized (this) {
            checkNotDone();
            result = value;
            toRun = finish(false);
        }
        runCallbacks(toRun);
    }

    /**
     * For executors: completes the future with an exception.
     *
     * @throws InvalidStateError if it is already finished or cancelled; the first outcome stays
     */
    public void setException(Throwable error) {
        if (error == null) {
            throw new NullPointerException("exception");
        }
        List<Consumer<? super Future<T>>> toRun;
        synchronized (this) {
            checkNotDone();
            exception = error;
            toRun = finish(true);
        }
        runCallbacks(toRun);
    }

    /**
     * For executors: like {@link #setResult} but returns false instead of raising when the future
     * is already done (cancelled, or failed by a timeout or a broken pool in the meantime).
     */
    public boolean trySetResult(T value) {
        List<Consumer<? super Future<T>>> toRun;
        synchronized (this) {
            if (state.isDone()) {
                return false;
            }
            result = value;
            toRun = finish(false);
        }
        runCallbacks(toRun);
        return true;
    }

    /** For executors: like {@link #setException} but returns false instead of raising when already done. */
    public boolean trySetException(Throwable error) {
        if (error == null) {
            throw new NullPointerException("exception");
        }
        List<Consumer<? super Future<T>>> toRun;
        synchronized (this) {
            if (state.isDone()) {
                return false;
            }
            exception = error;
            toRun = finish(true);
        }
        runCallbacks(toRun);
        return true;
    }

    /**
     * For executors that can stop running work (the process pool's forced cancel, spec §10 F1):
     * RUNNING becomes CANCELLED_AND_NOTIFIED, with waiters and callbacks told as by
     * {@link #cancel()}. Returns false if the future is not running.
     */
    protected boolean cancelRunning() {
        List<Consumer<? super Future<T>>> toRun;
        synchronized (this) {
            if (state != FutureState.RUNNING) {
                return false;
            }
            // The executor has seen this cancellation itself: no setRunningOrNotifyCancel() follows.
            state = FutureState.CANCELLED_AND_NOTIFIED;
            notifyWaiters(false);
            notifyAll();
            toRun = takeCallbacks();
        }
        runCallbacks(toRun);
        return true;
    }

    // ---------------------------------------------------------------- identity and text

    @Override
    public final boolean equals(Object other) {
        return this == other;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    /** {@code Future[state=pending]}, {@code Future[state=finished returned Integer]}, {@code Future[state=finished raised IOException]}. */
    @Override
    public synchronized String toString() {
        if (state != FutureState.FINISHED) {
            return "Future[state=" + state.text() + "]";
        }
        if (exception != null) {
            return "Future[state=finished raised " + exception.getClass().getSimpleName() + "]";
        }
        return "Future[state=finished returned " + (result == null ? "null" : result.getClass().getSimpleName()) + "]";
    }

    // ---------------------------------------------------------------- package: waiters and outcomes

    /**
     * Installs {@code waiter} unless the future is done; returns true if installed. A future
     * that is done is reported by the return value, one that finishes later by the waiter.
     */
    synchronized boolean installWaiter(Waiter waiter) {
        if (state.isDone()) {
            return false;
        }
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        waiters.add(waiter);
        return true;
    }

    synchronized void removeWaiter(Waiter waiter) {
        if (waiters != null) {
            waiters.remove(waiter);
        }
    }

    /** True if the future finished with an exception (a cancelled future did not). */
    synchronized boolean raised() {
        return exception != null;
    }

    /**
     * Waits until done; {@code timeoutNanos < 0} waits for ever. Loops on the deadline so spurious
     * wake-ups are absorbed (CPython waits once: Python conditions have none).
     */
    synchronized boolean awaitDone(long timeoutNanos) throws InterruptedException {
        if (state.isDone()) {
            return true;
        }
        if (timeoutNanos < 0) {
            while (!state.isDone()) {
                wait();
            }
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        long remaining = timeoutNanos;
        while (!state.isDone() && remaining > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
            remaining = deadline - System.nanoTime();
        }
        return state.isDone();
    }

    /** Waits like {@link #awaitDone}; a cancelled future throws CancelledError, a late one TimeoutError. */
    void awaitOrThrow(long timeoutNanos) {
        boolean isDone;
        try {
            isDone = awaitDone(timeoutNanos);
        } catch (InterruptedException e) {
            throw new WaitInterruptedException(e);
        }
        if (cancelled()) {
            throw new CancelledError();
        }
        if (!isDone) {
            throw new TimeoutError();
        }
    }

    /** The outcome of a finished future, as {@link #result()} reports it. */
    synchronized T outcome() {
        if (state.isCancelled()) {
            throw new CancelledError();
        }
        if (exception != null) {
            throw rethrow(exception);
        }
        return result;
    }

    /** Unchecked exceptions and errors as they are; checked ones in a {@link TaskFailedException}. */
    static RuntimeException rethrow(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new TaskFailedException(error);
    }

    static long nanos(Duration timeout) {
        if (timeout == null) {
            return -1L;
        }
        return timeout.isNegative() ? 0L : saturatedNanos(timeout);
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- private

    private synchronized T outcomeForGet() throws ExecutionException {
        if (state.isCancelled()) {
            throw new CancelledError();
        }
        if (exception != null) {
            throw new ExecutionException(exception);
        }
        return result;
    }

    private void checkNotDone() {
        if (state.isDone()) {
            throw new InvalidStateError(state.name() + ": " + this);
        }
    }

    /** Under the monitor: FINISHED, tell waiters, wake result() callers, hand back the callbacks. */
    private List<Consumer<? super Future<T>>> finish(boolean failed) {
        state = FutureState.FINISHED;
        notifyWaiters(failed);
        notifyAll();
        return takeCallbacks();
    }

    private void notifyWaiters(boolean failed) {
        if (waiters != null) {
            for (Waiter waiter : waiters) {
                waiter.completed(this, failed);
            }
        }
    }

    private List<Consumer<? super Future<T>>> takeCallbacks() {
        List<Consumer<? super Future<T>>> taken = callbacks;
        callbacks = null;
        runningCallbacks = null;
        return taken;
    }

    private void runCallbacks(List<Consumer<? super Future<T>>> toRun) {
        if (toRun == null) {
            return;
        }
        for (Consumer<? super Future<T>> callback : toRun) {
            try {
                callback.accept(this);
            } catch (Exception e) {
                // CPython logs and goes on; an Error (like BaseException there) propagates.
                LOGGER.log(System.Logger.Level.ERROR, "exception calling callback for " + this, e);
            }
        }
    }
}
