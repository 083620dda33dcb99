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

    boolean markCancelledWhileRunning() {
        return cancelRunning();
    }
}
