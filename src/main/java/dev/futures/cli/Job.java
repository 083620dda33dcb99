package dev.futures.cli;

import dev.futures.task.CommandOutcome;
import dev.futures.task.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** One command to run for one input; {@code seq} counts from 1, as GNU parallel's {@code {#}}. */
record Job(long seq, String input, List<String> argv) {
    /** What {@code timeout(1)} reports for a command it killed. */
    static final int TIMED_OUT = 124;
    /** What a shell reports for a command it cannot start. */
    static final int CANNOT_RUN = 127;

    /** Runs the command in this process; a command that cannot start or times out is a failed result. */
    JobResult runWith(CommandRunner commands, Duration timeout) throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        long start = System.nanoTime();
        try {
            CommandOutcome outcome = commands.run(argv, timeout);
            if (outcome.timedOut()) {
                return new JobResult(this, TIMED_OUT, outcome.stdout(), timedOutLine(timeout, outcome.stderr()), pid,
                        outcome.durationNanos(), "TaskTimeoutError", timedOutMessage(timeout));
            }
            return new JobResult(this, outcome.exitCode(), outcome.stdout(), outcome.stderr(), pid,
                    outcome.durationNanos(), null, null);
        } catch (IOException e) {
            return cannotRun(e.getMessage(), pid, System.nanoTime() - start);
        }
    }

    JobResult cannotRun(String reason, long workerPid, long durationNanos) {
        return JobResult.failed(this, CANNOT_RUN, "CommandFailed", "cannot run '" + argv.get(0) + "': " + shortReason(reason),
                workerPid, durationNanos);
    }

    String timedOutMessage(Duration timeout) {
        return "'" + String.join(" ", argv) + "' timed out after " + DurationConverter.format(timeout) + " and was killed";
    }

    private byte[] timedOutLine(Duration timeout, byte[] stderr) {
        byte[] line = ("futures: " + timedOutMessage(timeout) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(stderr, stderr.length + line.length);
        System.arraycopy(line, 0, all, stderr.length, line.length);
        return all;
    }

    /** "Cannot run program "x": error=2, No such file or directory" -> "No such file or directory". */
    private static String shortReason(String message) {
        String text = String.valueOf(message);
        int comma = text.lastIndexOf(", ");
        return text.contains("error=") && comma >= 0 ? text.substring(comma + 2) : text;
    }
}
