package dev.futures.cli.jobs;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * GNU parallel's job slots ({@code {%}}): numbers 1 to -j, each held by one running job and
 * reused when it ends, so a command can pick, say, one of -j devices.
 */
final class JobSlots {
    private final ArrayBlockingQueue<Integer> free;

    JobSlots(int workers) {
        free = new ArrayBlockingQueue<>(workers);
        for (int slot = 1; slot <= workers; slot++) {
            free.add(slot);
        }
    }

    /** A free slot; one is always free for a job that runs, as at most -j run at once. */
    int take() throws InterruptedException {
        return free.take();
    }

    void release(int slot) {
        free.add(slot);
    }
}
