package dev.futures.protocol;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exception as it crosses a process boundary: its class name, message and stack text. The
 * stack text plays the part of CPython's {@code _RemoteTraceback}.
 */
public record RemoteError(String type, String message, String traceback) {

    public static RemoteError of(Throwable error) {
        StringWriter stack = new StringWriter();
        error.printStackTrace(new PrintWriter(stack));
        return new RemoteError(error.getClass().getName(), error.getMessage(), stack.toString());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("message", message);
        json.put("traceback", traceback);
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
                traceback == null ? "" : traceback.toString());
    }
}
