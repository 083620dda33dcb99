package dev.futures.session;

import dev.futures.Future;
import dev.futures.TaskFailedException;
import dev.futures.process.RemoteTaskException;
import dev.futures.protocol.RemoteError;
import dev.futures.task.CommandFailed;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events the store answers with, in DESIGN.md's shapes, for the session and the HTTP API
 * alike: a finished future's {@code result} (value, error with type/message/traceback, or
 * cancelled; with the exit code of a command task), {@code timeout}, and any event's frame.
 */
public final class Events {
    private static final Pattern EXIT_STATUS = Pattern.compile("non-zero exit status (-?\\d+)");

    private Events() {
    }

    /** A finished future as a result event: value, error (type, message, traceback) or cancelled. */
    static Map<String, Object> outcome(Object id, Future<Object> future) {
        return outcome(id, future, null);
    }

    /** The same, with the exit code when {@code task} runs a command ({@code sh}, {@code exec}). */
    static Map<String, Object> outcome(Object id, Future<Object> future, String task) {
        Map<String, Object> event = event("result");
        event.put("id", id);
        if (future.cancelled()) {
            event.put("status", "cancelled");
            return event;
        }
        Throwable error = future.exception(Duration.ZERO);
        boolean command = "sh".equals(task) || "exec".equals(task);
        if (error == null) {
            event.put("status", "ok");
            event.put("value", future.result(Duration.ZERO));
            if (command) {
                event.put("exit_code", 0L);
            }
            return event;
        }
        Throwable cause = error instanceof TaskFailedException && error.getCause() != null ? error.getCause() : error;
        Map<String, Object> details = new LinkedHashMap<>();
        if (cause instanceof RecordedError recorded) {
            details.put("type", recorded.type());
            details.put("message", recorded.getMessage());
            details.put("traceback", recorded.traceback());
        } else if (cause instanceof RemoteTaskException remote) {
            // A worker's exception that has no local class: its own name, not the carrier's.
            details.put("type", remote.remoteSimpleType());
            details.put("message", remote.remoteMessage());
            details.put("traceback", remote.remoteTraceback());
        } else {
            details.put("type", cause.getClass().getSimpleName());
            details.put("message", cause.getMessage());
            details.put("traceback", cause.getCause() instanceof RemoteTaskException remote ? remote.remoteTraceback()
                    : RemoteError.of(cause).traceback());
        }
        event.put("status", "error");
        event.put("error", details);
        if (command && "CommandFailed".equals(details.get("type"))) {
            Long exitCode = cause instanceof CommandFailed failed ? Long.valueOf(failed.exitCode()) : exitStatus(details);
            if (exitCode != null) {
                event.put("exit_code", exitCode);
            }
        }
        return event;
    }

    /** A worker's CommandFailed arrives as text: its message names the exit status. */
    private static Long exitStatus(Map<String, Object> details) {
        Matcher matcher = EXIT_STATUS.matcher(String.valueOf(details.get("message")));
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }

    /** DESIGN's {@code timeout} event: how many of how many futures were not done by the deadline. */
    static Map<String, Object> timeoutEvent(long unfinished, long total, String message) {
        Map<String, Object> event = event("timeout");
        event.put("unfinished", unfinished);
        event.put("total", total);
        event.put("message", message);
        return event;
    }

    public static Map<String, Object> event(String name) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        return event;
    }
}
