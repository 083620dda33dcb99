package dev.futures.cli.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * GNU parallel's {@code --memfree SIZE}, {@code --load MAX} and {@code --noswap}: a job starts only
 * while the machine has at least SIZE bytes available ({@code MemAvailable} of
 * {@code /proc/meminfo}), its load now is below MAX (GNU's load: the processes running or waiting
 * on the disk at this instant, not the minute's average: {@code procs_running} plus
 * {@code procs_blocked} of {@code /proc/stat}, less the one reading it) and it
 * is not swapping both in and out since the last look ({@code pswpin}, {@code pswpout} of
 * {@code /proc/vmstat}); otherwise the start waits,
 * looking again every tenth of a second, as GNU's does. Where {@code /proc} cannot be read the
 * condition holds. While jobs run, {@link #guard} kills the youngest one whenever less than half
 * of SIZE is available, as GNU's --memfree does (it fails, and runs again under --retries).
 */
public final class StartGate {
    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long memfreeBytes;
    private final double maxLoad;
    private final LongSupplier available;
    private final boolean noSwap;
    private final Supplier<long[]> swapCounts;
    /** pswpin and pswpout at the last look, for --noswap; null before the first. */
    private long[] lastSwap;

    /** {@code memfreeBytes}: 0 for no condition; {@code maxLoad}: 0 or less for none. */
    public StartGate(long memfreeBytes, double maxLoad) {
        this(memfreeBytes, maxLoad, false);
    }

    /** The same; {@code noSwap}: also wait while the machine swaps in and out. */
    public StartGate(long memfreeBytes, double maxLoad, boolean noSwap) {
        this(memfreeBytes, maxLoad, StartGate::available, noSwap, StartGate::swapCounts);
    }

    /** {@code available}: the bytes of memory available now (tests give their own). */
    StartGate(long memfreeBytes, double maxLoad, LongSupplier available) {
        this(memfreeBytes, maxLoad, available, false, StartGate::swapCounts);
    }

    /** {@code swapCounts}: pswpin and pswpout now (tests give their own). */
    StartGate(long memfreeBytes, double maxLoad, LongSupplier available, boolean noSwap, Supplier<long[]> swapCounts) {
        this.memfreeBytes = memfreeBytes;
        this.maxLoad = maxLoad;
        this.available = available;
        this.noSwap = noSwap;
        this.swapCounts = swapCounts;
    }

    /**
     * With --memfree: watches memory while {@code pool}'s jobs run, every tenth of a second, and
     * kills the youngest running job while less than half of SIZE is available; returns what
     * stops the watch. Without --memfree: nothing.
     */
    public Runnable guard(JobPool pool) {
        if (memfreeBytes <= 0) {
            return () -> { };
        }
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (available.getAsLong() < memfreeBytes / 2) {
                    pool.killYoungest(); // one per look: the memory it held is counted at the next
                }
                LockSupport.parkNanos(this, LOOK_AGAIN_NANOS);
            }
        }, "futures-memfree");
        watch.setDaemon(true);
        watch.start();
        return watch::interrupt;
    }

    /** {@code element}, once the machine lets another job start; an interrupt ends the wait. */
    public <T> T admitted(T element) {
        while (!open() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, LOOK_AGAIN_NANOS);
        }
        return element;
    }

    boolean open() {
        return (memfreeBytes <= 0 || available.getAsLong() >= memfreeBytes) && (maxLoad <= 0 || load() < maxLoad)
                && !(noSwap && swapping());
    }

    /** Whether pages went both in and out of swap since the last look (never at the first). */
    private synchronized boolean swapping() {
        long[] now = swapCounts.get();
        boolean both = lastSwap != null && now[0] > lastSwap[0] && now[1] > lastSwap[1];
        lastSwap = now;
        return both;
    }

    /** pswpin and pswpout of /proc/vmstat; zeros when it cannot be read. */
    static long[] swapCounts() {
        long[] counts = new long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/vmstat"))) {
                if (line.startsWith("pswpin ")) {
                    counts[0] = Long.parseLong(line.substring(7).strip());
                } else if (line.startsWith("pswpout ")) {
                    counts[1] = Long.parseLong(line.substring(8).strip());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no /proc: the condition holds
        }
        return counts;
    }

    /** MemAvailable in bytes; Long.MAX_VALUE when it cannot be read. */
    static long available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no /proc: the condition holds
        }
        return Long.MAX_VALUE;
    }

    /** The processes running or in uninterruptible sleep now, less this one, as GNU counts its load; 0 when unreadable. */
    static double load() {
        try {
            long load = 0;
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("procs_running ") || line.startsWith("procs_blocked ")) {
                    load += Long.parseLong(line.substring(line.indexOf(' ') + 1).strip());
                }
            }
            return Math.max(0, load - 1);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}
