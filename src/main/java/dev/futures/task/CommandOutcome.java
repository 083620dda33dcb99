package dev.futures.task;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a command ended: its exit code and everything it wrote; {@code timedOut} when the runner
 * killed it at its timeout.
 */
public record CommandOutcome(List<String> argv, int exitCode, byte[] stdout, byte[] stderr, long durationNanos,
        boolean timedOut) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
