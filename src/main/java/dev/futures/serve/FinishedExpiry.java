package dev.futures.serve;

import dev.futures.session.FutureService;
import dev.futures.session.Journal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --keep-finished}: forgets what finished more than {@code keep} ago, in memory and (once
 * it has grown) in the journal, every quarter of {@code keep} but at least every minute, on a
 * daemon thread of its own; then gives the heap of an expired burst back ({@link ExpiredMemory}).
 */
public final class FinishedExpiry implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "futures-keep-finished");
        thread.setDaemon(true);
        return thread;
    });

    private FinishedExpiry(FutureService service, Journal journal, Duration keep) {
        long period = Math.max(1000, Math.min(60_000, keep.toMillis() / 4));
        ExpiredMemory expired = new ExpiredMemory();
        timer.scheduleWithFixedDelay(() -> {
            long cutoff = forgetBefore(keep);
            expired.forgot(service.forgetFinishedBefore(cutoff), service.held());
            try {
                journal.compactIfGrown(cutoff);
            } catch (IOException e) {
                System.err.println("futures serve: cannot compact the journal: " + e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts forgetting; {@code keep} null ('forever') starts nothing and returns null. */
    public static FinishedExpiry start(FutureService service, Journal journal, Duration keep) {
        return keep == null ? null : new FinishedExpiry(service, journal, keep);
    }

    /** The epoch millisecond before which a finished future is forgotten; 0 (none) for 'forever'. */
    public static long forgetBefore(Duration keep) {
        return keep == null ? 0 : System.currentTimeMillis() - keep.toMillis();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
