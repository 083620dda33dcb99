package dev.futures.process;

import dev.futures.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code chunksize} for calls that arrive one at a time (a streaming map's inputs): they travel
 * to a worker N at a time ({@link ProcessPoolExecutor#submitChunk}), each with its own future.
 * A chunk leaves when it is full, when the input ends ({@link #flush()}), when a call of
 * another task comes, or {@link #LINGER_MILLIS} after its first call arrived, so a slow stdin
 * never holds a call back for long (and a loaded machine's slow pump rarely splits a chunk).
 * With a size of 1 each call is submitted as it comes, so callers need no path of their own
 * for "no chunks".
 */
public final class TaskChunks implements AutoCloseable {
    /** How long a partial chunk waits for more calls. */
    static final long LINGER_MILLIS = 50;

    private final ProcessPoolExecutor pool;
    private final int size;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "futures-chunks");
        thread.setDaemon(true);
        return thread;
    });
    private String task;
    private List<List<?>> calls = new ArrayList<>();
    private List<Chunked> futures = new ArrayList<>();
    private ScheduledFuture<?> linger;

    public TaskChunks(ProcessPoolExecutor pool, int size) {
        this.pool = pool;
        this.size = size;
    }

    /**
     * The call's future, which completes as the call does in its chunk.
     *
     * @throws RuntimeException a refusal of the pool (shutdown, broken) when the call travels alone
     */
    public Future<Object> submit(String task, List<?> args) {
        if (size <= 1) {
            return pool.submit(task, args, null, null); // alone, with the pool's task timeout
        }
        return gather(task, args);
    }

    private synchronized Future<Object> gather(String task, List<?> args) {
        if (!calls.isEmpty() && !task.equals(this.task)) {
            flush(); // a chunk is one task's
        }
        this.task = task;
        Chunked future = new Chunked();
        calls.add(args);
        futures.add(future);
        if (calls.size() >= size) {
            flush();
        } else if (calls.size() == 1) {
            linger = timer.schedule(this::flush, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
        return future;
    }

    /** Sends what was gathered: the chunk is full, its linger passed, or the input ended. */
    public synchronized void flush() {
        if (linger != null) {
            linger.cancel(false);
            linger = null;
        }
        List<List<?>> sending = new ArrayList<>();
        List<Chunked> bound = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!futures.get(i).cancelled()) { // cancelled while it waited: it never travels
                sending.add(calls.get(i));
                bound.add(futures.get(i));
            }
        }
        calls = new ArrayList<>();
        futures = new ArrayList<>();
        if (sending.isEmpty()) {
            return;
        }
        try {
            List<ProcessFuture<Object>> real = pool.submitChunk(task, sending);
            for (int i = 0; i < real.size(); i++) {
                bound.get(i).follow(real.get(i));
            }
        } catch (RuntimeException refused) { // a broken or closed pool: each call carries why
            for (Chunked future : bound) {
                future.fail(refused);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A call's future while its chunk is gathered, then the mirror of the call's own future. */
    public static final class Chunked extends Future<Object> {
        private volatile ProcessFuture<Object> real;

        /** The call's own future (its worker pid and run time), or null before its chunk left. */
        public ProcessFuture<Object> real() {
            return real;
        }

        /** Set once this mirror left PENDING: as its call started, or with its outcome. */
        private final AtomicBoolean started = new AtomicBoolean();
        /** False if this mirror was cancelled before its call started. */
        private volatile boolean live = true;

        void follow(ProcessFuture<Object> call) {
            real = call;
            // RUNNING with its call, so a cancel then fails as it does on the call itself.
            call.addRunningCallback(this::start);
            call.addDoneCallback(done -> {
                if (done.cancelled()) {
                    cancel();
                    return;
                }
                start();
                if (!live) {
                    return;
                }
                if (done.exception() != null) {
                    trySetException(done.exception());
                } else {
                    trySetResult(done.result());
                }
            });
        }

        private void start() {
            if (started.compareAndSet(false, true)) {
                live = setRunningOrNotifyCancel();
            }
        }

        void fail(RuntimeException error) {
            start();
            if (live) {
                trySetException(error);
            }
        }

        @Override
        public boolean cancel() {
            ProcessFuture<Object> call = real;
            boolean cancelled = super.cancel();
            if (cancelled && call != null) {
                call.cancel();
            }
            return cancelled;
        }
    }
}
