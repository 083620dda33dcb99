package dev.futures.cli.output;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --progress}: one line on stderr, redrawn four times a second, with done/total,
 * failures, rate and ETA (total and ETA only when the inputs are known up front). Output
 * blocks are written under {@link #lock()} after {@link #clear()}, so the line never mixes with
 * them; never on stdout.
 */
public final class Progress implements AutoCloseable {
    private static final long TICK_MILLIS = 250;

    private final PrintStream err;
    private final long total;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread ticker;
    private volatile boolean running = true;
    private int drawn;

    /** {@code total} below 0: unknown (input from stdin or files). */
    public Progress(PrintStream err, long total) {
        this.err = err;
        this.total = total;
        this.ticker = new Thread(this::tick, "futures-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Whether stderr is a terminal (Linux: what fd 2 points to). */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    /** The lock to hold while writing an output block (after {@link #clear()}). */
    Object lock() {
        return err;
    }

    void finished(boolean succeeded) {
        done.incrementAndGet();
        if (!succeeded) {
            failed.incrementAndGet();
        }
    }

    /** Under {@link #lock()}: erase the progress line so an output block starts on a clean line. */
    void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }

    private void tick() {
        try {
            while (running) {
                Thread.sleep(TICK_MILLIS); // a display refresh rate, not a synchronisation
                draw();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        synchronized (lock()) {
            String line = line();
            err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            err.flush();
            drawn = line.length();
        }
    }

    String line() {
        long finished = done.get();
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double rate = finished / seconds;
        StringBuilder line = new StringBuilder("futures: ").append(finished);
        if (total >= 0) {
            line.append('/').append(total);
        }
        line.append(" done, ").append(failed.get()).append(" failed, ").append(String.format("%.1f/s", rate));
        if (total >= 0 && rate > 0 && finished < total) {
            long eta = Math.round((total - finished) / rate);
            line.append(String.format(", ETA %d:%02d", eta / 60, eta % 60));
        }
        return line.toString();
    }

    /** The final line stays, ended by a newline. */
    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        synchronized (lock()) {
            clear();
            err.println(line());
            err.flush();
        }
    }
}
