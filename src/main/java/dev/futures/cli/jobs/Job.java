package dev.futures.cli.jobs;

import dev.futures.cli.input.DurationConverter;
import dev.futures.cli.input.ShellQuote;
import dev.futures.task.CommandOutcome;
import dev.futures.task.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One input's work: {@code values} (one per input group), its sequence number from 1 (GNU
 * parallel's {@code {#}}), and how its command line is made once its job slot ({@code {%}}) is known.
 */
public record Job(long seq, List<String> values, Argv argv, String task, byte[] stdin, InputStream stdinStream) {
    /** What {@code timeout(1)} reports for a command it killed. */
    static final int TIMED_OUT = 124;
    /** What a shell reports for a command it cannot start. */
    static final int CANNOT_RUN = 127;

    /** Makes a job's command line. */
    @FunctionalInterface
    public interface Argv {
        List<String> of(List<String> values, long seq, int slot);

        /** The command line as a user would type it (--dry-run, -v): its words shell-quoted. */
        public default String display(List<String> values, long seq, int slot) {
            return ShellQuote.join(of(values, seq, slot));
        }

        /** Variables this command line adds to the job's environment (beyond GNU's $PARALLEL_*). */
        public default Map<String, String> environment(int slot) {
            return Map.of();
        }
    }

    /** A job that runs a command. */
    public Job(long seq, List<String> values, Argv argv) {
        this(seq, values, argv, null, null, null);
    }

    /** A job with {@code stdin} (null: /dev/null) on its command's stdin. */
    public Job(long seq, List<String> values, Argv argv, String task, byte[] stdin) {
        this(seq, values, argv, task, stdin, null);
    }

    /** A job that calls the named task with the input's values as its arguments. */
    static Job ofTask(long seq, List<String> values, String task) {
        return new Job(seq, values, (v, s, slot) -> List.of(), task, null);
    }

    /** {@code --pipe}: a job that runs a command with a block of the input on its stdin (and no values). */
    static Job ofBlock(long seq, byte[] block, Argv argv) {
        return new Job(seq, List.of(), argv, null, block);
    }

    public boolean isTask() {
        return task != null;
    }

    /** The input as a user reads it: the values joined by spaces. */
    public String input() {
        return values.size() == 1 ? values.get(0) : String.join(" ", values);
    }

    /**
     * What GNU parallel tells each job in its environment: {@code $PARALLEL_SEQ},
     * {@code $PARALLEL_JOBSLOT} and {@code $PARALLEL_PID} (this program's pid, also in a
     * process-pool worker's job).
     */
    Map<String, String> environment(int slot) {
        Map<String, String> gnu = Map.of("PARALLEL_SEQ", Long.toString(seq),
                "PARALLEL_JOBSLOT", Integer.toString(slot), "PARALLEL_PID", Long.toString(ProcessHandle.current().pid()));
        Map<String, String> own = argv.environment(slot);
        if (own.isEmpty()) {
            return gnu;
        }
        Map<String, String> all = new HashMap<>(gnu);
        all.putAll(own);
        return all;
    }

    /**
     * The job slot ({@code {%}}) known before a job runs: jobs take the slots in turn. The
     * thread pool gives a command line the slot it really ran in; a worker is chosen only at
     * dispatch, so the process pool, the printers and the joblog use this one.
     */
    public int slotAmong(int workers) {
        return (int) ((seq - 1) % workers) + 1;
    }

    /** The command line; empty when a {@code {= perl =}} expression called {@code skip()}: then nothing runs. */
    List<String> commandLine(int slot) {
        try {
            return argv.of(values, seq, slot);
        } catch (dev.futures.cli.input.PerlExpressions.Skipped skipped) {
            return List.of();
        }
    }

    /**
     * What a skipped job gives: no output and exit value -2, as GNU parallel's skip() records it
     * in its joblog (and counts it in its exit status).
     */
    JobResult skipped(long workerPid) {
        return new JobResult(this, List.of(), SKIPPED, new byte[0], new byte[0], workerPid, 0, null, null);
    }

    /** GNU parallel's exit value for a job that skip() left out. */
    static final int SKIPPED = -2;

    /** What --dry-run and -v print for this job: its command line as typed, or the task and its arguments. */
    public String display(int slot) {
        if (isTask()) {
            return task + " " + ShellQuote.join(values);
        }
        try {
            return argv.display(values, seq, slot);
        } catch (dev.futures.cli.input.PerlExpressions.Skipped skipped) {
            return "";
        }
    }

    /**
     * Runs the command in this process; a command that cannot start or times out is a failed
     * result. {@code stdoutTo}: where its stdout goes as it comes (null: into the result).
     */
    JobResult runWith(CommandRunner commands, int slot, Duration timeout, OutputStream stdoutTo)
            throws InterruptedException {
        List<String> line = commandLine(slot);
        long pid = ProcessHandle.current().pid();
        if (line.isEmpty()) {
            return skipped(pid);
        }
        long start = System.nanoTime();
        try {
            CommandOutcome outcome = stdinStream != null
                    ? commands.run(line, timeout, stdinStream, environment(slot), stdoutTo)
                    : commands.run(line, timeout, stdin, environment(slot), stdoutTo);
            if (outcome.timedOut()) {
                return new JobResult(this, line, TIMED_OUT, outcome.stdout(), timedOutLine(line, timeout, outcome.stderr()), pid,
                        outcome.durationNanos(), "TaskTimeoutError", timedOutMessage(line, timeout));
            }
            return new JobResult(this, line, outcome.exitCode(), outcome.stdout(), outcome.stderr(), pid,
                    outcome.durationNanos(), null, null);
        } catch (IOException e) {
            return cannotRun(line, e.getMessage(), pid, System.nanoTime() - start);
        }
    }

    JobResult cannotRun(List<String> line, String reason, long workerPid, long durationNanos) {
        return JobResult.failed(this, line, CANNOT_RUN, "CommandFailed", "cannot run '" + line.get(0) + "': " + shortReason(reason),
                workerPid, durationNanos);
    }

    static String timedOutMessage(List<String> line, Duration timeout) {
        return "'" + String.join(" ", line) + "' timed out after " + DurationConverter.format(timeout) + " and was killed";
    }

    private static byte[] timedOutLine(List<String> line, Duration timeout, byte[] stderr) {
        byte[] message = ("futures: " + timedOutMessage(line, timeout) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(stderr, stderr.length + message.length);
        System.arraycopy(message, 0, all, stderr.length, message.length);
        return all;
    }

    /**
     * The OS's reason alone, the same on every JDK: "Cannot run program "x": error=2, No such
     * file or directory" (JDK 17) and "Cannot run program "x": Exec failed, error: 2 (No such
     * file or directory)" (JDK 25) both give "No such file or directory".
     */
    static String shortReason(String message) {
        String text = String.valueOf(message).strip(); // JDK 25 ends it with a space
        Matcher reason = OS_REASON.matcher(text);
        return reason.find() ? reason.group(1) : text;
    }

    private static final Pattern OS_REASON =
            Pattern.compile("error(?:=|: )\\d+(?:, | \\()([^()]+)\\)?$");
}
