package dev.futures.process;

import dev.futures.Future;

/**
 * A future of the process pool. {@code cancel(true)} of a running task kills its worker (which
 * the pool replaces) and cancels the future (spec §10 F1); {@code cancel()} and
 * {@code cancel(false)} keep CPython's meaning: a running task is not stopped.
 */
public final class ProcessFuture<T> extends Future<T> {
    private final ProcessPoolExecutor pool;
    /** Set at submit; read under the pool's lock. */
    WorkItem item;

    private volatile long workerPid;
    private volatile long startedNanos;
    private volatile long finishedNanos;
    private volatile byte[] stderr = new byte[0];

    ProcessFuture(ProcessPoolExecutor pool) {
        this.pool = pool;
    }

    @Override
    public boolean cancel(boolean force) {
        if (cancel() || !force) {
            return cancelled();
        }
        return pool.forceCancel(this);
    }

    /** The pid of the worker that ran it (its chunk), or 0 if it never ran. */
    public long workerPid() {
        return workerPid;
    }

    /**
     * How long its call ran, from dispatch to the worker until its result arrived (for a
     * chunk, the whole chunk's), or 0 if it has no result from a worker.
     */
    public long runNanos() {
        long finished = finishedNanos;
        return finished == 0 ? 0 : finished - startedNanos;
    }

    void dispatchedTo(long pid, long nanos) {
        workerPid = pid;
        startedNanos = nanos;
    }

    void answered(long nanos) {
        finishedNanos = nanos;
    }

    /**
     * What the commands the task started through the worker's runner wrote to stderr (the
     * result frame's {@code stderr}); empty if none did or no worker answered.
     */
    public byte[] stderr() {
        return stderr.clone();
    }

    void stderr(byte[] bytes) {
        stderr = bytes;
    }

    boolean markCancelledWhileRunning() {
        return cancelRunning();
    }
}
