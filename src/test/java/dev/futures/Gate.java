package dev.futures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/** A file that {@code wait_for_file} tasks block on until the test opens it. */
final class Gate implements AutoCloseable {
    private final Path path;

    Gate(Path dir, String name) {
        this.path = dir.resolve(name);
    }

    String path() {
        return path.toString();
    }

    void open() {
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException already) {
            // opened before
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a task has created this file (tasks in other processes share only files). */
    void awaitCreated() {
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(path)) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError(path + " was never created");
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** Opens the gate, so no task is left blocked behind a failed test. */
    @Override
    public void close() {
        open();
    }
}
