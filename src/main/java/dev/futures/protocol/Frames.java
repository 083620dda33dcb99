package dev.futures.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames of the worker protocol, version {@value #VERSION} ({@code docs/protocol.md}).
 *
 * <pre>
 * parent -> worker   {"type":"hello","version":1,"initializer":NAME|null,"initargs":[..],"max_tasks":N|null}
 * worker -> parent   {"type":"ready","version":1,"pid":PID}
 * parent -> worker   {"type":"call","id":ID,"task":NAME,"chunk":[[ARGS..],..]}
 * worker -> parent   {"type":"result","id":ID,"values":[V0,V1,..],"errors":{"I":{type,message,traceback}}}
 *                    "stderr":{"I":BASE64} what element I's commands wrote to stderr (optional)
 *                    one per call: element I's outcome is errors["I"] if present, else values[I];
 *                    "exit":true when the worker leaves after this call (max_tasks reached)
 * worker -> parent   {"type":"fatal","error":{..}}   the worker cannot go on (initializer failed, bad frame)
 * parent -> worker   {"type":"shutdown"}             the worker exits 0; so does end of input
 * </pre>
 */
public final class Frames {
    public static final int VERSION = 1;

    public static final String TYPE = "type";
    public static final String HELLO = "hello";
    public static final String READY = "ready";
    public static final String CALL = "call";
    public static final String RESULT = "result";
    public static final String FATAL = "fatal";
    public static final String SHUTDOWN = "shutdown";
    /** Worker → parent, every {@code heartbeat} ms when hello asked for it: "still here". */
    public static final String HEARTBEAT = "heartbeat";

    private Frames() {
    }

    public static Map<String, Object> hello(String initializer, List<?> initargs, Integer maxTasks) {
        return hello(initializer, initargs, maxTasks, null);
    }

    /** {@code heartbeatMillis}: how often the worker is asked to send a heartbeat (null: never). */
    public static Map<String, Object> hello(String initializer, List<?> initargs, Integer maxTasks, Long heartbeatMillis) {
        Map<String, Object> frame = frame(HELLO);
        frame.put("version", VERSION);
        frame.put("initializer", initializer);
        frame.put("initargs", initargs == null ? List.of() : initargs);
        frame.put("max_tasks", maxTasks);
        if (heartbeatMillis != null) {
            frame.put("heartbeat", heartbeatMillis);
        }
        return frame;
    }

    /** A ready frame saying the worker will send a heartbeat every {@code heartbeatMillis}. */
    public static Map<String, Object> ready(long pid, Long heartbeatMillis) {
        Map<String, Object> frame = ready(pid);
        if (heartbeatMillis != null) {
            frame.put("heartbeat", heartbeatMillis);
        }
        return frame;
    }

    public static Map<String, Object> heartbeat() {
        return frame(HEARTBEAT);
    }

    public static Map<String, Object> ready(long pid) {
        Map<String, Object> frame = frame(READY);
        frame.put("version", VERSION);
        frame.put("pid", pid);
        return frame;
    }

    public static Map<String, Object> call(long id, String task, List<? extends List<?>> chunk) {
        Map<String, Object> frame = frame(CALL);
        frame.put("id", id);
        frame.put("task", task);
        frame.put("chunk", chunk);
        return frame;
    }

    /**
     * The outcomes of one call: {@code values.get(i)} for element i, unless {@code errors} has
     * {@code i} (as a string key, JSON's rule), which is then element i's error.
     */
    public static Map<String, Object> result(long id, List<Object> values, Map<String, Object> errors, boolean exit) {
        return result(id, values, errors, Map.of(), exit);
    }

    /**
     * The same, with {@code stderr}: for element i (a string key), the base64 of what the
     * commands it started wrote to stderr, where they wrote anything.
     */
    public static Map<String, Object> result(long id, List<Object> values, Map<String, Object> errors,
            Map<String, Object> stderr, boolean exit) {
        Map<String, Object> frame = frame(RESULT);
        frame.put("id", id);
        frame.put("values", values);
        if (!errors.isEmpty()) {
            frame.put("errors", errors);
        }
        if (!stderr.isEmpty()) {
            frame.put("stderr", stderr);
        }
        if (exit) {
            frame.put("exit", true);
        }
        return frame;
    }

    public static Map<String, Object> fatal(RemoteError error) {
        Map<String, Object> frame = frame(FATAL);
        frame.put("error", error.toJson());
        return frame;
    }

    public static Map<String, Object> shutdown() {
        return frame(SHUTDOWN);
    }

    /** @throws ProtocolError if the field is missing or not a whole number */
    public static long longField(Map<String, Object> frame, String name) {
        if (frame.get(name) instanceof Number number) {
            return number.longValue();
        }
        throw new ProtocolError("frame " + frame.get(TYPE) + " lacks a numeric '" + name + "'");
    }

    /** @throws ProtocolError if the field is missing or not a string */
    public static String stringField(Map<String, Object> frame, String name) {
        if (frame.get(name) instanceof String text) {
            return text;
        }
        throw new ProtocolError("frame " + frame.get(TYPE) + " lacks a string '" + name + "'");
    }

    private static Map<String, Object> frame(String type) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put(TYPE, type);
        return frame;
    }
}
