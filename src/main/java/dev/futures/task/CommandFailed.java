package dev.futures.task;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A command of an {@code sh} or {@code exec} task exited non-zero. The message follows Python's
 * {@code CalledProcessError}; the outcome keeps the exit code and all output.
 */
public class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int STDERR_TAIL_BYTES = 4096;

    private final transient CommandOutcome outcome;
    private final int exitCode;

    public CommandFailed(CommandOutcome outcome) {
        super("Command " + outcome.argv() + " returned non-zero exit status " + outcome.exitCode() + "."
                + tail(outcome.stderr()));
        this.outcome = outcome;
        this.exitCode = outcome.exitCode();
    }

    /** The failure as another process reported it: its message and the command's exit status. */
    public CommandFailed(String message, int exitCode) {
        super(message);
        this.outcome = null;
        this.exitCode = exitCode;
    }

    /** What the command did, or null for a failure rebuilt from another process's report. */
    public CommandOutcome outcome() {
        return outcome;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The last few KiB of what the command wrote to stderr, for the message. */
    private static String tail(byte[] stderr) {
        if (stderr.length == 0) {
            return "";
        }
        int from = Math.max(0, stderr.length - STDERR_TAIL_BYTES);
        return " stderr: " + new String(Arrays.copyOfRange(stderr, from, stderr.length), StandardCharsets.UTF_8).strip();
    }
}
