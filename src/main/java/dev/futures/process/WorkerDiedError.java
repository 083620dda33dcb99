package dev.futures.process;

/**
 * A worker process ended while it ran this task. With {@link OnWorkerDeath#REPLACE} only that
 * task fails with this; with {@link OnWorkerDeath#BREAK} it is the cause of the broken pool.
 */
public class WorkerDiedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;
    private final int signal;

    public WorkerDiedError(long pid, int exitCode, int signal) {
        this(pid, exitCode, signal, null);
    }

    /**
     * {@code what}: what the worker did that ended it, when the pool knows (it broke the
     * protocol: "wrote \"...\" where a frame belongs"), else null.
     */
    public WorkerDiedError(long pid, int exitCode, int signal, String what) {
        super("worker " + pid + (what == null ? "" : " " + what + "; it") + (signal > 0 ? " was killed by signal " + signal
                : " exited with code " + exitCode));
        this.pid = pid;
        this.exitCode = exitCode;
        this.signal = signal;
    }

    public long pid() {
        return pid;
    }

    /** The exit code as the JDK reports it (128 + signal for a signal). */
    public int exitCode() {
        return exitCode;
    }

    /** The signal that ended the worker, or 0. */
    public int signal() {
        return signal;
    }
}
