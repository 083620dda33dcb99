package dev.futures;

import java.util.function.Consumer;

/**
 * A future of the {@link ThreadPoolExecutor}. {@code cancel(true)} of a running task (spec §10
 * F1) cancels the future at once, interrupts the task's thread and runs the pool's stopper
 * for that thread (which kills the processes the task started); {@code cancel()} and
 * {@code cancel(false)} keep CPython's meaning: a running task is not stopped. A task that
 * neither waits nor starts processes runs on to its end, its outcome dropped.
 */
public final class ThreadFuture<T> extends Future<T> {
    private final Consumer<Thread> stopper;
    /** The thread running the task; set and cleared under this future's lock. */
    private Thread runner;

    ThreadFuture(Consumer<Thread> stopper) {
        this.stopper = stopper;
    }

    @Override
    public boolean cancel(boolean force) {
        if (cancel() || !force) {
            return cancelled();
        }
        Thread thread;
        synchronized (this) {
            thread = runner;
            if (thread == null || !cancelRunning()) {
                return cancelled();
            }
            thread.interrupt(); // under the lock: finished() cannot clear the runner in between
        }
        stopper.accept(thread);
        return true;
    }

    synchronized void started(Thread thread) {
        runner = thread;
    }

    /** After this, no forced cancel reaches the thread (the pool clears a late interrupt next). */
    synchronized void finished() {
        runner = null;
    }
}
