package dev.futures.cli.jobs;

import dev.futures.task.CommandRunner;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * --task-timeout for a task on the thread pool. A process pool kills the task's worker; here
 * the deadline kills the processes the task started (its {@link CommandRunner.Scope}) and
 * interrupts its thread, which ends the built-in tasks at once. Exactly one of the task's end
 * and the deadline wins: the interrupt can never leak into the next task of that thread.
 */
final class TaskDeadline {
    private static final int ARMED = 0;
    private static final int FIRED = 1;
    private static final int DISARMED = 2;

    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final CommandRunner.Scope scope;
    private final Thread thread;
    private volatile ScheduledFuture<?> timer;

    private TaskDeadline(CommandRunner.Scope scope, Thread thread) {
        this.scope = scope;
        this.thread = thread;
    }

    /** Arms a deadline for the task running on this thread in {@code scope}. */
    static TaskDeadline arm(ScheduledExecutorService timers, Duration timeout, CommandRunner.Scope scope) {
        TaskDeadline deadline = new TaskDeadline(scope, Thread.currentThread());
        deadline.timer = timers.schedule(deadline::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    private synchronized void fire() {
        if (state.compareAndSet(ARMED, FIRED)) {
            scope.kill();
            thread.interrupt();
        }
    }

    /**
     * Called by the task's thread when the task ended: true if it ended first; false if the
     * deadline fired (its interrupt is cleared, so the thread goes on clean).
     */
    boolean disarm() {
        if (state.compareAndSet(ARMED, DISARMED)) {
            ScheduledFuture<?> scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return true;
        }
        synchronized (this) {
            Thread.interrupted(); // fire() holds the lock until its interrupt is delivered
        }
        return false;
    }
}
