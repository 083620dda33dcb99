package dev.futures.worker;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.task.CommandRunner;
import dev.futures.task.TaskRegistry;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code futures worker}: entered straight from {@code main}, before any framework starts, and
 * usable as a main class of its own ({@code java -cp ... dev.futures.worker.WorkerMain}).
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        System.exit(run());
    }

    /** Runs the worker loop on this process's stdin and stdout; returns the exit code. */
    public static int run() {
        ignoreInterrupts();
        // Frames go to the real stdout; System.out becomes stderr before any task can print.
        OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        CommandRunner commands = CommandRunner.forThisProcess();
        StdinWatch input = StdinWatch.start(in, () -> {
            // The parent is gone while a task runs: its commands go with this worker, now.
            commands.stop();
            Runtime.getRuntime().halt(WorkerLoop.OK);
        });
        return new WorkerLoop(input, frames, TaskRegistry.forProcessWorkers(commands), commands, new NdjsonCodec()).run();
    }

    /**
     * A terminal's Ctrl-C reaches the whole foreground process group; the parent decides what
     * happens to running work, so a worker ignores SIGINT and ends when its stdin closes.
     */
    @SuppressWarnings("restriction")
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
            // No SIGINT on this platform: nothing to ignore.
        }
    }
}
