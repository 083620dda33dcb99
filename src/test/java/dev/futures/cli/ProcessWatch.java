package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the engine tests (SshWorkersIT, SlurmIT) watch from outside: processes by their command
 * line and files a task makes, each waited for until a deadline (no sleeps: it polls).
 */
final class ProcessWatch {
    private ProcessWatch() {
    }

    /** A deadline {@code within} from now, for the waits below. */
    static long deadline(Duration within) {
        return System.nanoTime() + within.toNanos();
    }

    /** The pids of the processes whose command line contains {@code text}. */
    static List<Long> processesWith(String text) {
        try (var processes = ProcessHandle.allProcesses()) {
            return processes.filter(p -> p.info().commandLine().map(line -> line.contains(text)).orElse(false))
                    .map(ProcessHandle::pid).toList();
        }
    }

    /** Waits until no process's command line contains {@code text}. */
    static void awaitNone(String text, long deadline) {
        while (!processesWith(text).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, () -> "still running: " + text + " " + processesWith(text));
            Thread.onSpinWait();
        }
    }

    /** Waits until {@code file} exists. */
    static void awaitFile(Path file, long deadline) {
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, () -> "never appeared: " + file);
            Thread.onSpinWait();
        }
    }
}
