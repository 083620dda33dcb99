package dev.futures.cli;

import dev.futures.Executor;
import dev.futures.Future;
import dev.futures.MapFunction;
import dev.futures.TimeoutError;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code Executor.map} with a lazy window for input that arrives slowly (a pipe, {@code tail -f}).
 * CPython's lazy map reads the next input before it yields a result, so a result waits for the
 * input after it; here a pump thread submits each input as soon as it arrives and the window
 * has room, and the caller yields results as soon as they are due. The semantics are map's:
 * at most {@code window + yielded} inputs consumed, input or completion order, one deadline
 * from the start, and everything not yet yielded cancelled on timeout or close.
 */
final class StreamingMap<I, R> implements AutoCloseable {
    private final Object end = new Object();
    private final Semaphore window;
    private final LinkedBlockingQueue<Object> due = new LinkedBlockingQueue<>();
    private final Set<Future<R>> outstanding = ConcurrentHashMap.newKeySet();
    private final boolean inputOrder;
    private final long deadline;
    private final boolean hasDeadline;
    private final Thread pump;
    private volatile long submitted = -1;
    private volatile RuntimeException inputError;
    private volatile boolean closed;
    private long yielded;

    StreamingMap(Executor pool, MapFunction<I, R> fn, Iterator<I> inputs, int window, boolean inputOrder, Duration timeout) {
        this.window = new Semaphore(window);
        this.inputOrder = inputOrder;
        this.hasDeadline = timeout != null;
        this.deadline = System.nanoTime() + (timeout == null ? 0 : timeout.toNanos());
        this.pump = new Thread(() -> pump(pool, fn, inputs), "futures-input");
        // A pump blocked on reading stdin must not keep the process alive.
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(Executor pool, MapFunction<I, R> fn, Iterator<I> inputs) {
        long count = 0;
        try {
            while (!closed && inputs.hasNext()) {
                window.acquire();
                if (closed) {
                    break;
                }
                I input = inputs.next();
                Future<R> future = pool.submit(() -> fn.apply(input));
                outstanding.add(future);
                count++;
                if (inputOrder) {
                    due.add(future);
                } else {
                    future.addDoneCallback(due::add);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            inputError = e;
        } finally {
            submitted = count;
            due.add(end);
        }
    }

    /**
     * The next result, or null when input and results are exhausted.
     *
     * @throws TimeoutError when the deadline passes first
     * @throws dev.futures.CancelledError if a call was cancelled by someone else
     * @throws RuntimeException what reading the input threw, after the results before it
     */
    R next() throws InterruptedException {
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
            Future<R> future = (Future<R>) item;
            R result = hasDeadline ? future.result(Duration.ofNanos(remainingNanos())) : future.result();
            outstanding.remove(future);
            yielded++;
            window.release();
            return result;
        }
    }

    private long remainingNanos() {
        return Math.max(0L, deadline - System.nanoTime());
    }

    /** Stops reading input and cancels every call not yet yielded (running ones go on). */
    @Override
    public void close() {
        closed = true;
        pump.interrupt();
        for (Future<R> future : outstanding) {
            future.cancel();
        }
    }
}
