package dev.futures.cli.jobs;

import dev.futures.Future;
import dev.futures.process.ProcessFuture;
import dev.futures.process.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code --chunksize N} for {@code map --task} on the process pool: jobs arrive one at a time
 * from a streaming input, and travel to a worker N at a time ({@link ProcessPoolExecutor#submitChunk}),
 * each with its own future. A chunk leaves when it is full, when the input ends, or
 * {@link #LINGER_MILLIS} after its first job arrived, so a slow stdin never holds a job back for
 * long (and a loaded machine's slow pump rarely splits a chunk).
 */
final class TaskChunks implements AutoCloseable {
    /** How long a partial chunk waits for more jobs. */
    static final long LINGER_MILLIS = 50;

    private final ProcessPoolExecutor pool;
    private final int size;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "futures-chunks");
        thread.setDaemon(true);
        return thread;
    });
    private List<Job> jobs = new ArrayList<>();
    private List<Chunked> futures = new ArrayList<>();
    private ScheduledFuture<?> linger;

    TaskChunks(ProcessPoolExecutor pool, int size) {
        this.pool = pool;
        this.size = size;
    }

    /** The job's future, which completes as its call in the chunk does. */
    synchronized Future<?> submit(Job job) {
        Chunked future = new Chunked();
        jobs.add(job);
        futures.add(future);
        if (jobs.size() >= size) {
            flush();
        } else if (jobs.size() == 1) {
            linger = timer.schedule(this::flush, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
        return future;
    }

    /** Sends what was gathered: the chunk is full, its linger passed, or the input ended. */
    synchronized void flush() {
        if (linger != null) {
            linger.cancel(false);
            linger = null;
        }
        List<Job> sending = new ArrayList<>();
        List<Chunked> bound = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (!futures.get(i).cancelled()) { // cancelled while it waited: it never travels
                sending.add(jobs.get(i));
                bound.add(futures.get(i));
            }
        }
        jobs = new ArrayList<>();
        futures = new ArrayList<>();
        if (sending.isEmpty()) {
            return;
        }
        List<List<?>> args = new ArrayList<>(sending.size());
        for (Job job : sending) {
            args.add(job.values());
        }
        try {
            List<ProcessFuture<Object>> real = pool.submitChunk(sending.get(0).task(), args);
            for (int i = 0; i < real.size(); i++) {
                bound.get(i).follow(real.get(i));
            }
        } catch (RuntimeException refused) { // a broken or closed pool: each job carries why
            for (Chunked future : bound) {
                future.fail(refused);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A job's future while its chunk is gathered, then the mirror of its call's future. */
    static final class Chunked extends Future<Object> {
        private volatile ProcessFuture<Object> real;

        /** The call's own future (its worker pid and run time), or null before its chunk left. */
        ProcessFuture<Object> real() {
            return real;
        }

        /** Set once this mirror left PENDING: as its call started, or with its outcome. */
        private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
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
