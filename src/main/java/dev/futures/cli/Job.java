package dev.futures.cli;

import dev.futures.task.CommandOutcome;
import dev.futures.task.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One command to run for one input; {@code seq} counts from 1, as GNU parallel's {@code {#}}. */
record Job(long seq, String input, List<String> argv) {

    /** Runs the command; a command that cannot start is a failed result (127, as in a shell), not an exception. */
    JobResult runWith(CommandRunner commands) throws InterruptedException {
        try {
            CommandOutcome outcome = commands.run(argv);
            return new JobResult(this, outcome.exitCode(), outcome.stdout(), outcome.stderr());
        } catch (IOException e) {
            String message = "futures: cannot run '" + argv.get(0) + "': " + reason(e) + "\n";
            return new JobResult(this, 127, new byte[0], message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** "Cannot run program "x": error=2, No such file or directory" -> "No such file or directory". */
    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        int comma = message.lastIndexOf(", ");
        return message.contains("error=") && comma >= 0 ? message.substring(comma + 2) : message;
    }
}
