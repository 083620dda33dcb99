package dev.futures.cli.jobs;

import dev.futures.Future;
import dev.futures.process.WorkerListener;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Function;

/**
 * Where the CLI's jobs run: a thread pool that starts each command itself, or a process pool
 * whose workers start them. Both turn a finished future into a {@link JobResult}.
 */
public interface JobPool extends AutoCloseable {

    static JobPool create(PoolSettings settings, WorkerListener listener) {
        return create(settings, listener, null);
    }

    /**
     * {@code liveStdout}: where each command's stdout goes as it comes ({@code --line-buffer});
     * null to collect it into the job's result. The thread pool honours it; a process pool's
     * worker sends a command's output back with its result, so there it is collected.
     */
    static JobPool create(PoolSettings settings, WorkerListener listener, Function<Job, OutputStream> liveStdout) {
        JobPool pool = settings.kind() == PoolKind.process
                ? new ProcessJobPool(settings, listener)
                : new ThreadJobPool(settings, liveStdout);
        // GNU parallel's --retries N: at most N attempts in all.
        return settings.retries().mayRetry() ? new RetryingJobPool(pool, settings.retries(), settings.workers()) : pool;
    }

    Future<?> submit(Job job);

    /**
     * How the job ended, from its finished future.
     *
     * @throws dev.futures.BrokenExecutor if the pool broke under it
     */
    JobResult outcome(Job job, Future<?> done);

    /** The last job was submitted: work held back to travel with more (a partial chunk) goes now. */
    default void inputEnded() {
    }

    /** No new work from here on (an interrupt, a deadline): what has not started is cancelled. */
    default void stopTakingWork() {
    }

    /**
     * {@code --memfree}: kills the running command of the youngest job (the highest sequence
     * number) with its processes, so that the job fails (and runs again under --retries);
     * false if there is none this pool can kill alone.
     */
    default boolean killYoungest() {
        return false;
    }

    /** Kills every running task with its processes (a deadline passed, or the CLI is ending). */
    void killRunning();

    /** SIGTERM to every running task with its processes, SIGKILL after {@code grace}; returns at once. */
    void terminateRunning(Duration grace);

    /** Shuts the pool down, cancelling what has not started, waiting for what runs. */
    @Override
    void close();

    /**
     * After a deadline or {@code --then kill} (running work already killed): shuts the pool
     * down without waiting for in-process work that cannot be killed, which the run abandons.
     */
    default void abandon() {
        close();
    }
}
