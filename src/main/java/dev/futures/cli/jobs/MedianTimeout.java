package dev.futures.cli.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/**
 * GNU parallel's {@code --timeout N%}: a job is killed once it has run N% of the median runtime
 * of the jobs finished so far (none finished: no limit yet), looked at every twentieth of a
 * second. The median is GNU's: the middle of the sorted runtimes, the lower one of two.
 */
final class MedianTimeout {
    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final double fraction;
    private final List<Long> runtimes = new ArrayList<>();

    /** {@code percent}: N of N%. */
    MedianTimeout(double percent) {
        this.fraction = percent / 100;
    }

    /** A job ran this long. */
    synchronized void finished(long nanos) {
        int at = Collections.binarySearch(runtimes, nanos);
        runtimes.add(at < 0 ? -at - 1 : at, nanos);
    }

    /** How long a job may run now; Long.MAX_VALUE before any has finished. */
    synchronized long limitNanos() {
        if (runtimes.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return (long) (fraction * runtimes.get((runtimes.size() - 1) / 2));
    }

    /** Whether a job that started at {@code startNanos} has run past the limit at {@code now}. */
    boolean over(long startNanos, long now) {
        long limit = limitNanos();
        return limit != Long.MAX_VALUE && now - startNanos > limit;
    }

    /**
     * Looks at the running jobs until stopped and kills each one past the limit; returns what
     * stops the watch.
     */
    Runnable watch(RunningJobs running) {
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                running.killIf(start -> over(start, now));
                LockSupport.parkNanos(this, LOOK_AGAIN_NANOS);
            }
        }, "futures-timeout");
        watch.setDaemon(true);
        watch.start();
        return watch::interrupt;
    }

    /** The running jobs as the watch sees them. */
    interface RunningJobs {
        /** Kills each running job whose start time {@code past} says is past its limit. */
        void killIf(LongPredicate past);
    }
}
