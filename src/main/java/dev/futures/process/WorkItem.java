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
    List<List<Object>> chunk;
    List<ProcessFuture<Object>> futures;
    int remaining;
    WorkerHandle worker;
    ScheduledFuture<?> timer;

    WorkItem(long id, String task, List<List<Object>> chunk, List<ProcessFuture<Object>> futures, long timeoutNanos) {
        this.id = id;
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
     * whose futures were cancelled meanwhile. False if none is left.
     */
    boolean claim() {
        List<List<Object>> keptChunk = new ArrayList<>(chunk.size());
        List<ProcessFuture<Object>> keptFutures = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i).setRunningOrNotifyCancel()) {
                keptChunk.add(chunk.get(i));
                keptFutures.add(futures.get(i));
            }
        }
        chunk = keptChunk;
        futures = keptFutures;
        remaining = keptFutures.size();
        return remaining > 0;
    }
}
