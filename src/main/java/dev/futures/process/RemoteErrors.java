package dev.futures.process;

import dev.futures.CancelledError;
import dev.futures.TimeoutError;
import dev.futures.protocol.EncodingError;
import dev.futures.protocol.RemoteError;
import dev.futures.task.CommandFailed;
import dev.futures.task.TaskArgumentError;
import dev.futures.task.UnknownTask;
import java.io.IOException;
import java.util.NoSuchElementException;

/**
 * Rebuilds a worker's exception in the parent, as CPython re-raises the original type. Only a
 * fixed table of JDK and library types is rebuilt (no reflection, so it works in a native
 * image); anything else arrives as {@link RemoteTaskException}, which always carries the
 * remote stack text.
 */
final class RemoteErrors {
    private RemoteErrors() {
    }

    static Throwable rebuild(RemoteError error, String task, long workerPid) {
        RemoteTaskException remote = new RemoteTaskException(task, workerPid, error);
        String message = error.message();
        Throwable local = switch (error.type()) {
            case "java.lang.ArithmeticException" -> new ArithmeticException(message);
            case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(message);
            case "java.lang.IllegalStateException" -> new IllegalStateException(message);
            case "java.lang.NullPointerException" -> new NullPointerException(message);
            case "java.lang.UnsupportedOperationException" -> new UnsupportedOperationException(message);
            case "java.lang.IndexOutOfBoundsException" -> new IndexOutOfBoundsException(message);
            case "java.lang.NumberFormatException" -> new NumberFormatException(message);
            case "java.lang.RuntimeException" -> new RuntimeException(message);
            case "java.util.NoSuchElementException" -> new NoSuchElementException(message);
            case "java.io.IOException" -> new IOException(message);
            case "dev.futures.TimeoutError" -> new TimeoutError(message);
            case "dev.futures.CancelledError" -> new CancelledError(message);
            case "dev.futures.task.TaskArgumentError" -> new TaskArgumentError(message);
            case "dev.futures.task.UnknownTask" -> new UnknownTask(task);
            case "dev.futures.protocol.EncodingError" -> new EncodingError(message);
            case "dev.futures.task.CommandFailed" -> new CommandFailed(message, error.exitCode() == null ? 1 : error.exitCode());
            default -> null;
        };
        if (local == null) {
            return remote;
        }
        local.initCause(remote);
        return local;
    }
}
