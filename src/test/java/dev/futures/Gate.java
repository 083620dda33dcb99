package dev.futures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        } catch (java.nio.file.FileAlreadyExistsException already) {
            // opened before
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the gate, so no task is left blocked behind a failed test. */
    @Override
    public void close() {
        open();
    }
}
