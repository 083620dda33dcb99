package dev.futures.protocol;

import dev.futures.task.CommandFailed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exception as it crosses a process boundary: its class name, message and stack text. The
 * stack text plays the part of CPython's {@code _RemoteTraceback}.
 */
public record RemoteError(String type, String message, String traceback, Integer exitCode) {

    public RemoteError(String type, String message, String traceback) {
        this(type, message, traceback, null);
    }

    /** {@code exitCode}: a failed command's exit status ({@link CommandFailed}), so the parent can report it. */
    public static RemoteError of(Throwable error) {
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        Integer exitCode = error instanceof CommandFailed failed ? failed.exitCode() : null;
        return new RemoteError(error.getClass().getName(), error.getMessage(), stack.toString(), exitCode);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("message", message);
        json.put("traceback", traceback);
        if (exitCode != null) {
            json.put("exit_code", exitCode);
        }
        return json;
    }

    /** @throws ProtocolError if {@code json} is not an error object */
    public static RemoteError fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map) || !(map.get("type") instanceof String type)) {
            throw new ProtocolError("not an error object: " + json);
        }
        Object message = map.get("message");
        Object traceback = map.get("traceback");
        return new RemoteError(type, message == null ? null : message.toString(),
                traceback == null ? "" : traceback.toString(),
                map.get("exit_code") instanceof Number code ? code.intValue() : null);
    }
}
