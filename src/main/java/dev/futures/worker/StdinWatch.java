package dev.futures.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The worker's stdin, read on a thread of its own, so the worker notices its parent's end while
 * a task runs: a worker busy in a 10-minute task would otherwise read the end of file only
 * after it, and live on (with the task's processes) long after a parent killed by SIGKILL.
 * The parent closes a worker's stdin only when the worker is idle, so end of file during a call
 * always means the parent is gone; then {@code onOrphaned} runs on the reading thread.
 */
final class StdinWatch {
    /** Queued at end of input; a read error is queued as its exception. */
    private static final Object END = new Object();

    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private volatile boolean busy;
    private volatile boolean ended;
    private final Runnable onOrphaned;

    private StdinWatch(Runnable onOrphaned) {
        this.onOrphaned = onOrphaned;
    }

    static StdinWatch start(BufferedReader in, Runnable onOrphaned) {
        StdinWatch watch = new StdinWatch(onOrphaned);
        Thread reader = new Thread(() -> watch.readAll(in), "futures-worker-stdin");
        reader.setDaemon(true);
        reader.start();
        return watch;
    }

    private void readAll(BufferedReader in) {
        Object last = END;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            last = e;
        }
        synchronized (this) {
            ended = true;
            lines.add(last);
            if (!busy) {
                return; // the loop reads the end between calls and returns as usual
            }
        }
        onOrphaned.run();
    }

    /** The next line, or null at end of input. */
    String readLine() throws IOException {
        Object next;
        try {
            next = lines.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading stdin", e);
        }
        if (next instanceof String line) {
            return line;
        }
        lines.add(next); // the end stays the end for a later read
        if (next instanceof IOException error) {
            throw error;
        }
        return null;
    }

    /**
     * The loop starts a call ({@code true}) or has answered it. A call taken after the input
     * ended has no one to answer to: orphaned at once.
     */
    void busy(boolean running) {
        synchronized (this) {
            busy = running;
            if (!running || !ended) {
                return;
            }
        }
        onOrphaned.run();
    }
}
