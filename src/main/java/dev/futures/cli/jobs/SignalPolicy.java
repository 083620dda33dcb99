package dev.futures.cli.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DESIGN.md's signals for the length of a run: the first SIGINT stops taking new work and lets
 * running work finish, a second one kills it; SIGTERM stops taking new work and terminates
 * running work. The handlers only set state, start actions and report the signal itself (an
 * {@code interrupted} event, through the printer's lock); the run's own thread reports the rest. Uses {@code sun.misc.Signal}, which the JDK and native images both support.
 */
@SuppressWarnings("restriction")
public final class SignalPolicy implements AutoCloseable {
    public static final int SIGINT = 2;
    static final int SIGTERM = 15;

    /** What the run does on each signal. */
    public interface Actions {
        /** Once per kind of signal, as it arrives: the run reports it then, before the results still to come. */
        default void signalled(int signal) {
        }

        void stopTakingWork();

        void killRunning();

        void terminateRunning();
    }

    private final AtomicInteger interrupts = new AtomicInteger();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile int received;
    private final List<Runnable> restore = new ArrayList<>();

    public SignalPolicy(Actions actions) {
        install("INT", () -> {
            received = received == SIGTERM ? SIGTERM : SIGINT;
            if (interrupts.incrementAndGet() == 1) {
                actions.signalled(SIGINT);
                actions.stopTakingWork();
            } else {
                actions.killRunning();
            }
        });
        install("TERM", () -> {
            if (!terminated.getAndSet(true)) {
                actions.signalled(SIGTERM);
            }
            received = SIGTERM;
            actions.stopTakingWork();
            actions.terminateRunning();
        });
    }

    /** 0, {@link #SIGINT} or {@link #SIGTERM}. */
    public int received() {
        return received;
    }

    private void install(String name, Runnable action) {
        try {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, caught -> action.run());
            restore.add(() -> sun.misc.Signal.handle(signal, previous));
        } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
            // Not on this platform: the JVM's own handling (shutdown hooks) stays.
        }
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
