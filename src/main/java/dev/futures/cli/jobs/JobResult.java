package dev.futures.cli.jobs;

import dev.futures.process.RemoteTaskException;
import dev.futures.task.CommandFailed;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * How one job ended: the command line it ran, its exit code and everything it wrote;
 * {@code errorType} and {@code errorMessage} when it did not run to an exit of its own (could
 * not start, timed out).
 */
public record JobResult(Job job, List<String> command, int exitCode, byte[] stdout, byte[] stderr, long workerPid,
        long durationNanos, String errorType, String errorMessage, Object value) {

    JobResult(Job job, List<String> command, int exitCode, byte[] stdout, byte[] stderr, long workerPid,
            long durationNanos, String errorType, String errorMessage) {
        this(job, command, exitCode, stdout, stderr, workerPid, durationNanos, errorType, errorMessage, null);
    }

    /**
     * A named task's outcome: its value as the text a user reads (strings as they are, other
     * values as JSON), or its error; {@code stderr}: what the commands it started wrote there,
     * which is the job's stderr as a command's is (a failed command's is already in its
     * error's message, which then follows it).
     */
    static JobResult ofTask(Job job, Object value, Throwable error, long workerPid, long durationNanos, byte[] stderr) {
        List<String> call = List.of(job.task() + job.values());
        if (error != null) {
            // The task's own type and message on either pool: a type the parent could not
            // rebuild arrives as RemoteTaskException, which still knows them.
            boolean remote = error instanceof RemoteTaskException;
            String type = remote ? ((RemoteTaskException) error).remoteSimpleType() : error.getClass().getSimpleName();
            String message = job.task() + job.values() + ": "
                    + (remote ? ((RemoteTaskException) error).remoteMessage() : error.getMessage());
            int code = error instanceof CommandFailed failed ? failed.exitCode() : 1;
            JobResult failed = failed(job, call, code, type, message, workerPid, durationNanos);
            if (stderr.length == 0 || type.equals(CommandFailed.class.getSimpleName())) {
                return failed;
            }
            byte[] both = Arrays.copyOf(stderr, stderr.length + failed.stderr().length);
            System.arraycopy(failed.stderr(), 0, both, stderr.length, failed.stderr().length);
            return new JobResult(job, call, code, failed.stdout(), both, workerPid, durationNanos, type, message);
        }
        String text = value == null ? "" : value instanceof String string ? string : TaskValues.json(value);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return new JobResult(job, call, 0, text.getBytes(StandardCharsets.UTF_8), stderr,
                workerPid, durationNanos, null, null, value);
    }

    /** A task that never produced an exit of its own: {@code code} as a shell would report it. */
    public static JobResult failed(Job job, List<String> command, int code, String errorType, String message, long workerPid,
            long durationNanos) {
        byte[] line = ("futures: " + message + "\n").getBytes(StandardCharsets.UTF_8);
        return new JobResult(job, command, code, new byte[0], line, workerPid, durationNanos, errorType, message);
    }

    public boolean succeeded() {
        return exitCode == 0 && errorType == null;
    }
}
