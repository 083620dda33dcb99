package dev.futures.cli;

import java.util.List;

/**
 * How one job ended: the command line it ran, its exit code and everything it wrote;
 * {@code errorType} and {@code errorMessage} when it did not run to an exit of its own (could
 * not start, timed out).
 */
record JobResult(Job job, List<String> command, int exitCode, byte[] stdout, byte[] stderr, long workerPid,
        long durationNanos, String errorType, String errorMessage) {

    /** A task that never produced an exit of its own: {@code code} as a shell would report it. */
    static JobResult failed(Job job, List<String> command, int code, String errorType, String message, long workerPid,
            long durationNanos) {
        byte[] line = ("futures: " + message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new JobResult(job, command, code, new byte[0], line, workerPid, durationNanos, errorType, message);
    }

    boolean succeeded() {
        return exitCode == 0 && errorType == null;
    }
}
