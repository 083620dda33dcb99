package dev.futures.cli.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * GNU parallel's {@code --memfree SIZE} and {@code --load MAX}: a job starts only while the
 * machine has at least SIZE bytes available ({@code MemAvailable} of {@code /proc/meminfo}) and
 * its one-minute load average is below MAX ({@code /proc/loadavg}); otherwise the start waits,
 * looking again every tenth of a second, as GNU's does. Where {@code /proc} cannot be read the
 * condition holds.
 */
public final class StartGate {
    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long memfreeBytes;
    private final double maxLoad;

    /** {@code memfreeBytes}: 0 for no condition; {@code maxLoad}: 0 or less for none. */
    public StartGate(long memfreeBytes, double maxLoad) {
        this.memfreeBytes = memfreeBytes;
        this.maxLoad = maxLoad;
    }

    /** {@code element}, once the machine lets another job start; an interrupt ends the wait. */
    public <T> T admitted(T element) {
        while (!open() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, LOOK_AGAIN_NANOS);
        }
        return element;
    }

    boolean open() {
        return (memfreeBytes <= 0 || available() >= memfreeBytes) && (maxLoad <= 0 || load() < maxLoad);
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

    /** The one-minute load average; 0 when it cannot be read. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}
