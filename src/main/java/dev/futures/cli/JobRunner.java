package dev.futures.cli;

import dev.futures.ThreadPoolExecutor;
import dev.futures.TimeoutError;
import dev.futures.task.CommandRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;

/**
 * Runs jobs on a thread pool with map's semantics ({@link StreamingMap}) and prints each one's
 * output as one block, in input or completion order. Only this thread prints, so blocks never interleave.
 * Input is pulled through a bounded window, so endless input runs in constant memory.
 */
final class JobRunner {

    /** How to run: pool size, how far to read ahead, print order, deadline (null: none). */
    record Settings(int workers, int window, boolean inputOrder, Duration timeout) {
    }

    private final String name;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code name} prefixes messages ({@code "futures map"}). */
    JobRunner(String name, PrintStream out, PrintStream err) {
        this.name = name;
        this.out = out;
        this.err = err;
    }

    int run(Iterator<Job> jobs, Settings settings) {
        CommandRunner commands = new CommandRunner();
        // Ctrl-C or SIGTERM ends the JVM through its shutdown hooks: take the tasks' processes along.
        Thread killTasks = new Thread(commands::stop, "futures-kill-tasks");
        Runtime.getRuntime().addShutdownHook(killTasks);
        ThreadPoolExecutor pool = ThreadPoolExecutor.builder()
                .maxWorkers(settings.workers())
                .threadNamePrefix("futures-task")
                .build();
        long finished = 0;
        long failed = 0;
        boolean timedOut = false;
        StreamingMap<Job, JobResult> results = new StreamingMap<>(pool, job -> job.runWith(commands), jobs,
                settings.window(), settings.inputOrder(), settings.timeout());
        try {
            for (JobResult result; (result = results.next()) != null; ) {
                print(result);
                finished++;
                if (!result.succeeded()) {
                    failed++;
                }
            }
        } catch (TimeoutError deadline) {
            // Cancel what has not started, kill what is running, as DESIGN says.
            timedOut = true;
            results.close();
            commands.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.close();
            commands.stop();
            return ExitCodes.FAILED;
        } catch (java.io.UncheckedIOException e) {
            err.println(name + ": cannot read input: " + e.getCause().getMessage());
            return ExitCodes.FAILED;
        } finally {
            results.close();
            pool.shutdown(true, true);
            commands.close();
            removeHook(killTasks);
        }
        if (timedOut) {
            err.println(name + ": --timeout " + DurationConverter.format(settings.timeout()) + " expired after " + finished
                    + " task" + (finished == 1 ? "" : "s") + " finished; the rest were cancelled or killed");
            return ExitCodes.TIMEOUT;
        }
        if (failed > 0) {
            err.println(name + ": " + failed + " of " + finished + " task" + (finished == 1 ? "" : "s") + " failed");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private void print(JobResult result) {
        if (result.stdout().length > 0) {
            out.write(result.stdout(), 0, result.stdout().length);
            out.flush();
        }
        if (result.stderr().length > 0) {
            err.write(result.stderr(), 0, result.stderr().length);
            err.flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // The hook is running or has run; nothing to undo.
        }
    }
}
