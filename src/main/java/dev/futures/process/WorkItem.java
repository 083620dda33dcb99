package dev.futures.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One {@code call} frame's worth of work: a task and a chunk of argument lists, one future per
 * element. Guarded by the pool's lock.
 */
final class WorkItem {
    final long id;
    final String task;
    final long timeoutNanos;
    /** Run as the element starts (see {@link ProcessPoolExecutor#submit(String, List, Duration, Runnable)}); null: none. */
    final Runnable beforeStart;
    List<List<Object>> chunk;
    List<ProcessFuture<Object>> futures;
    int remaining;
    WorkerHandle worker;
    ScheduledFuture<?> timer;

    WorkItem(long id, String task, List<List<Object>> chunk, List<ProcessFuture<Object>> futures, long timeoutNanos,
            Runnable beforeStart) {
        this.id = id;
        this.beforeStart = beforeStart;
        this.task = task;
        this.chunk = chunk;
        this.futures = futures;
        this.timeoutNanos = timeoutNanos;
        for (ProcessFuture<Object> future : futures) {
            future.item = this;
        }
    }

    /**
     * The gate to RUNNING, at the moment the item is committed to a worker: drops the elements
     * whose futures were cancelled meanwhile, and those whose {@code beforeStart} failed (their
     * futures fail with its exception, through {@code after}). False if none is left.
     */
    boolean claim(List<Runnable> after) {
        boolean[] kept = new boolean[futures.size()];
        int count = 0;
        for (int i = 0; i < kept.length; i++) {
            kept[i] = futures.get(i).setRunningOrNotifyCancel() && passesGate(futures.get(i), after);
            count += kept[i] ? 1 : 0;
        }
        if (count < kept.length) {
            // Rebuilt only when something was cancelled: the common chunk goes as it is.
            List<List<Object>> keptChunk = new ArrayList<>(count);
            List<ProcessFuture<Object>> keptFutures = new ArrayList<>(count);
            for (int i = 0; i < kept.length; i++) {
                if (kept[i]) {
                    keptChunk.add(chunk.get(i));
                    keptFutures.add(futures.get(i));
                }
            }
            chunk = keptChunk;
            futures = keptFutures;
        }
        remaining = count;
        return count > 0;
    }

    private boolean passesGate(ProcessFuture<Object> future, List<Runnable> after) {
        if (beforeStart == null) {
            return true;
        }
        try {
            beforeStart.run();
            return true;
        } catch (RuntimeException refused) {
            after.add(() -> future.trySetException(refused));
            return false;
        }
    }
}
