package dev.futures;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code Executor.map} with a lazy window for input that arrives slowly (a pipe, {@code tail -f}).
 * CPython's lazy map reads the next input before it yields a result, so a result waits for the
 * input after it; here a pump thread submits each input as soon as it arrives and the window
 * has room, and the caller takes each call as soon as it is due. The semantics are map's: at
 * most {@code window + yielded} inputs consumed, input or completion order, one deadline from
 * the start, and everything not yet yielded cancelled on timeout or close.
 *
 * <p>The one map engine of the product: {@code futures map} and {@code run} (each job a call)
 * and the session's {@code map} op run on it; {@link Executor#map} keeps CPython's own lazy map
 * for library users who want exactly that.
 */
public final class StreamingMap<I> implements AutoCloseable {

    /** A finished call and the input it was for. */
    public record Done<I>(I input, Future<?> future) {
    }

    private final Object end = new Object();
    private final Semaphore window;
    private final LinkedBlockingQueue<Object> due = new LinkedBlockingQueue<>();
    private final Map<Future<?>, I> outstanding = new ConcurrentHashMap<>();
    private final boolean inputOrder;
    private final long deadline;
    private final boolean hasDeadline;
    private final Thread pump;
    /** Guards {@link #closed} and {@link #pumped}, so that once feeding stops the count is final. */
    private final Object feeding = new Object();
    private boolean closed;
    private long pumped;
    private volatile long submitted = -1;
    private volatile RuntimeException inputError;
    private long yielded;
    private final Runnable inputEnded;

    public StreamingMap(Function<I, Future<?>> submit, Iterator<I> inputs, int window, boolean inputOrder, Duration timeout) {
        this(submit, inputs, window, inputOrder, timeout, () -> { });
    }

    /** {@code inputEnded} runs once in the pump after its last submit (a chunking pool sends its last chunk). */
    public StreamingMap(Function<I, Future<?>> submit, Iterator<I> inputs, int window, boolean inputOrder, Duration timeout,
            Runnable inputEnded) {
        this.inputEnded = inputEnded;
        this.window = new Semaphore(window);
        this.inputOrder = inputOrder;
        this.hasDeadline = timeout != null;
        this.deadline = System.nanoTime() + (timeout == null ? 0 : timeout.toNanos());
        this.pump = new Thread(() -> pump(submit, inputs), "futures-input");
        // A pump blocked on reading stdin must not keep the process alive.
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(Function<I, Future<?>> submit, Iterator<I> inputs) {
        try {
            while (!isClosed() && inputs.hasNext()) {
                window.acquire();
                I input = inputs.next();
                synchronized (feeding) {
                    if (closed) {
                        break;
                    }
                    Future<?> future = submit.apply(input);
                    outstanding.put(future, input);
                    pumped++;
                    Done<I> done = new Done<>(input, future);
                    if (inputOrder) {
                        due.add(done);
                    } else {
                        future.addDoneCallback(finished -> due.add(done));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            inputError = e;
        } finally {
            endOfInput();
            inputEnded.run();
        }
    }

    private boolean isClosed() {
        synchronized (feeding) {
            return closed;
        }
    }

    /** Once: no more submissions, and next() may finish when it has yielded what was submitted. */
    private void endOfInput() {
        synchronized (feeding) {
            closed = true;
            if (submitted < 0) {
                submitted = pumped;
                due.add(end);
            }
        }
    }

    /**
     * The next finished call, or null when input and calls are exhausted.
     *
     * @throws TimeoutError when the deadline passes first
     * @throws RuntimeException what reading the input (or submitting) threw, after the calls before it
     */
    public Done<I> next() throws InterruptedException {
        while (true) {
            if (submitted >= 0 && yielded == submitted && due.isEmpty()) {
                if (inputError != null) {
                    throw inputError;
                }
                return null;
            }
            Object item = hasDeadline ? due.poll(remainingNanos(), TimeUnit.NANOSECONDS) : due.take();
            if (item == null) {
                throw new TimeoutError();
            }
            if (item == end) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Done<I> done = (Done<I>) item;
            if (!done.future().done()) { // in completion order it always is; in input order often
                Duration wait = hasDeadline ? Duration.ofNanos(remainingNanos()) : null;
                DoneAndNotDone<Future<?>> split = Futures.wait(List.of(done.future()), wait, ReturnWhen.ALL_COMPLETED);
                if (!split.notDone().isEmpty()) {
                    throw new TimeoutError();
                }
            }
            outstanding.remove(done.future());
            yielded++;
            window.release();
            return done;
        }
    }

    /** Calls submitted and not yet yielded. */
    public int unfinished() {
        return outstanding.size();
    }

    /** The inputs of the calls submitted and not yet yielded. */
    public List<I> unfinishedInputs() {
        return List.copyOf(outstanding.values());
    }

    private long remainingNanos() {
        return Math.max(0L, deadline - System.nanoTime());
    }

    /**
     * No more input is read or submitted; what was submitted is left to end as it will (a
     * broken pool fails it): next() still yields each of them.
     */
    public void stopReading() {
        endOfInput();
        pump.interrupt();
    }

    /**
     * Stops taking input and cancels every call that has not started; running calls go on, and
     * {@link #next()} still yields every submitted call (cancelled ones too) before it ends. A
     * pump blocked on reading stdin is left behind (it is a daemon thread).
     */
    public void stopFeeding() {
        endOfInput();
        pump.interrupt();
        for (Future<?> future : outstanding.keySet()) {
            future.cancel();
        }
    }

    @Override
    public void close() {
        stopFeeding();
    }
}
