package dev.futures.process;

/**
 * Told when a worker becomes ready and when it ends (the CLI's {@code worker_started} and
 * {@code worker_exited} events). Called from the worker's reader thread: keep it quick.
 */
public interface WorkerListener {
    WorkerListener NONE = new WorkerListener() {
    };

    default void workerStarted(long pid) {
    }

    /**
     * {@code signal} is 0 unless a signal ended the worker; {@code reason} says what the worker
     * did that made the pool end it (it broke the protocol), else null.
     */
    default void workerExited(long pid, int exitCode, int signal, String reason) {
    }
}
