package dev.futures.session;

import dev.futures.Future;
import dev.futures.StreamingMap;
import dev.futures.TimeoutError;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Answers session requests, one at a time and in order, like a script would: a {@code result}
 * request waits for its future before the next request is read. Every answer is one or more
 * events given to the sink; a bad request is an {@code error} event and the session goes on.
 * Futures are named by the ids the client gives them at submit and live in a
 * {@link FutureService}, the daemon's store, which makes every answer about them: a session
 * and {@code serve} answer alike. After {@code shutdown} the
 * session keeps answering about the futures it has until end of input; a late submit gets
 * CPython's "cannot schedule new futures after shutdown". {@link #exitCode()} follows the
 * exit-code table, as {@code map} does.
 */
public final class SessionHandler {
    private final TaskPool pool;
    private final Consumer<Map<String, Object>> emit;
    private final NdjsonCodec codec = new NdjsonCodec();
    /** The futures the client submitted, by the ids it gave them, and every answer about them. */
    private final FutureService futures;
    /** A submit or map that was refused, or a map element that failed: the futures map does not hold them. */
    private boolean refused;
    private boolean brokenInMap;

    public SessionHandler(TaskPool pool, Consumer<Map<String, Object>> emit) {
        this.pool = pool;
        this.emit = emit;
        this.futures = new FutureService(pool);
    }

    /** Handles one request line. */
    public void handleLine(String line) {
        if (line.isBlank()) {
            return;
        }
        Map<String, Object> request;
        try {
            request = codec.decode(line);
        } catch (ProtocolError e) {
            error(Map.of(), "BadRequest", "not a JSON object: " + e.getMessage());
            return;
        }
        handle(request);
    }

    /** Handles one request. */
    public void handle(Map<String, Object> request) {
        Object op = request.get("op");
        try {
            switch (String.valueOf(op)) {
                case "submit" -> submit(request);
                case "cancel" -> cancel(request);
                case "state" -> state(request);
                case "result" -> result(request);
                case "wait" -> waitFor(request);
                case "as_completed" -> asCompleted(request);
                case "map" -> map(request);
                case "shutdown" -> shutdown(request);
                case "terminate_workers" -> stopWorkers(false);
                case "kill_workers" -> stopWorkers(true);
                case "stats" -> stats();
                default -> throw new BadRequest("unknown op '" + op + "' (submit, cancel, state, result, wait, "
                        + "as_completed, map, shutdown, terminate_workers, kill_workers, stats)");
            }
        } catch (BadRequest e) {
            error(request, "BadRequest", e.getMessage());
        } catch (IllegalArgumentException | UnsupportedOperationException | RejectedExecutionException
                | dev.futures.BrokenExecutor e) {
            String type = e instanceof RejectedExecutionException ? "RejectedExecution"
                    : e.getClass().getSimpleName();
            error(request, type, e.getMessage());
        }
    }

    /** End of input: shut down, waiting for what was submitted. */
    public void close() {
        pool.executor().shutdown(true, false);
    }

    /**
     * Nobody reads the answers any more (the session's stdout was closed): pending work is
     * cancelled and running work killed, so that an operation in progress ends at once.
     */
    public void abandon() {
        pool.executor().shutdown(false, true);
        pool.stopWorkers(true);
    }

    /**
     * The session's exit code, once closed: 3 if the pool broke under a future, else 1 if a
     * future failed or a submit was refused, else 0 (cancelled work is no failure).
     */
    public int exitCode() {
        if (brokenInMap) {
            return 3;
        }
        boolean failed = refused;
        for (Future<Object> future : futures.all()) {
            if (!future.done() || future.cancelled() || future.exception() == null) {
                continue;
            }
            if (future.exception() instanceof dev.futures.BrokenExecutor) {
                return 3;
            }
            failed = true;
        }
        return failed ? 1 : 0;
    }

    // ------------------------------------------------------------------ ops

    private void submit(Map<String, Object> request) {
        Object id = required(request, "id");
        futures.submitNamed(id, string(request, "task"), list(request, "args"), RequestValues.seconds(request.get("timeout")));
        Map<String, Object> event = event("submitted");
        event.put("id", id);
        emit.accept(event);
    }

    private void cancel(Map<String, Object> request) {
        emit.accept(futures.cancel(id(request), Boolean.TRUE.equals(request.get("force"))));
    }

    private void state(Map<String, Object> request) {
        emit.accept(futures.state(id(request)));
    }

    private void result(Map<String, Object> request) {
        emit.accept(futures.result(id(request), RequestValues.seconds(request.get("timeout"))));
    }

    private void waitFor(Map<String, Object> request) {
        emit.accept(futures.waitFor(ids(request), RequestValues.returnWhen(request.get("return_when")),
                RequestValues.seconds(request.get("timeout"))));
    }

    private void asCompleted(Map<String, Object> request) {
        futures.asCompleted(ids(request), RequestValues.seconds(request.get("timeout")), emit::accept);
    }

    /**
     * {@code map} on the library's {@link StreamingMap}, the engine of {@code futures map}: one
     * result per input at its index, in input order, a failure in its place (CPython's map after
     * 3.14 with keep-going), at most {@code buffersize} chunks ahead (else every input at once),
     * one deadline from the request. A map whose first call is refused (after shutdown, a broken
     * pool) is one error event; a refusal later is that input's failure.
     */
    private void map(Map<String, Object> request) {
        String task = string(request, "task");
        List<List<Object>> inputs = new ArrayList<>();
        for (Object input : list(request, "inputs")) {
            inputs.add(input instanceof List<?> args ? new ArrayList<>(args) : List.of(input));
        }
        int chunksize = integer(request, "chunksize", 1);
        long ahead = request.get("buffersize") != null ? (long) integer(request, "buffersize", 1) * chunksize : inputs.size();
        int window = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ahead));
        Duration timeout = RequestValues.seconds(request.get("timeout"));
        boolean[] submittedAny = {false};
        try (TaskPool.MapCalls calls = pool.mapCalls(task, chunksize);
                StreamingMap<List<Object>> results = new StreamingMap<>(args -> {
                    try {
                        Future<Object> future = calls.submit(args);
                        submittedAny[0] = true;
                        return future;
                    } catch (RuntimeException refused) {
                        if (!submittedAny[0]) {
                            throw refused; // nothing ran: the map's error event
                        }
                        return failedWith(refused);
                    }
                }, inputs.iterator(), window, true, timeout, calls::inputEnded)) {
            for (int index = 0; ; index++) {
                StreamingMap.Done<List<Object>> done;
                try {
                    done = results.next();
                } catch (TimeoutError deadline) {
                    timeout(inputs.size() - index, inputs.size(), "map deadline passed");
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new dev.futures.WaitInterruptedException(e);
                }
                if (done == null) {
                    return;
                }
                emit.accept(mapResult(index, done.future()));
            }
        }
    }

    /** One map call's result event; a failure marks the session failed (and broken, for a broken pool). */
    private Map<String, Object> mapResult(int index, Future<?> call) {
        Map<String, Object> event = event("result");
        event.put("index", index);
        if (call.cancelled()) {
            event.put("status", "cancelled");
            return event;
        }
        Throwable failure = call.exception();
        if (failure == null) {
            event.put("status", "ok");
            event.put("value", call.result());
            return event;
        }
        refused = true;
        brokenInMap |= failure instanceof dev.futures.BrokenExecutor;
        failure(event, failure);
        return event;
    }

    private void shutdown(Map<String, Object> request) {
        boolean wait = !Boolean.FALSE.equals(request.get("wait"));
        boolean cancelFutures = Boolean.TRUE.equals(request.get("cancel_futures"));
        futures.shutdown(wait, cancelFutures);
        emit.accept(event("shutdown"));
    }

    private void stopWorkers(boolean kill) {
        pool.stopWorkers(kill);
        Map<String, Object> event = event("workers_stopped");
        event.put("operation", kill ? "kill" : "terminate");
        emit.accept(event);
    }

    private void stats() {
        emit.accept(futures.stats());
    }

    // ------------------------------------------------------------------ events

    private static void failure(Map<String, Object> event, Throwable error) {
        Map<String, Object> failed = Events.outcome(null, failedWith(error));
        event.put("status", failed.get("status"));
        event.put("error", failed.get("error"));
    }

    private static Future<Object> failedWith(Throwable error) {
        Future<Object> future = new Future<>();
        future.setException(error);
        return future;
    }

    private void timeout(long unfinished, long total, String message) {
        emit.accept(Events.timeoutEvent(unfinished, total, message));
    }

    /** An error about a request names its op and, if it has one, its id. */
    private void error(Map<String, Object> request, String type, String message) {
        Object op = request.get("op");
        if ("submit".equals(op) || "map".equals(op)) {
            refused = true; // work the client asked for did not run
        }
        Map<String, Object> event = event("error");
        event.put("op", op);
        if (request.get("id") != null) {
            event.put("id", request.get("id"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", type);
        details.put("message", message);
        event.put("error", details);
        emit.accept(event);
    }

    private static Map<String, Object> event(String name) {
        return Events.event(name);
    }

    // ------------------------------------------------------------------ request fields

    /** The id a request names, as the store's key. */
    private static String id(Map<String, Object> request) {
        return String.valueOf(required(request, "id"));
    }

    private static List<String> ids(Map<String, Object> request) {
        return list(request, "ids").stream().map(String::valueOf).toList();
    }

    private static Object required(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value == null) {
            throw new BadRequest("'" + request.get("op") + "' needs '" + field + "'");
        }
        return value;
    }

    private static String string(Map<String, Object> request, String field) {
        if (required(request, field) instanceof String text) {
            return text;
        }
        throw new BadRequest("'" + field + "' must be a string");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new BadRequest("'" + field + "' must be a list");
    }

    private static int integer(Map<String, Object> request, String field, int fallback) {
        Object value = request.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Long number && number > 0 && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw new BadRequest("'" + field + "' must be a whole number above 0");
    }
}
