package dev.futures.session;

import dev.futures.AsCompletedIterator;
import dev.futures.DoneAndNotDone;
import dev.futures.Future;
import dev.futures.FutureState;
import dev.futures.Futures;
import dev.futures.MapIterator;
import dev.futures.MapOptions;
import dev.futures.ReturnWhen;
import dev.futures.TimeoutError;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers session requests, one at a time and in order, like a script would: a {@code result}
 * request waits for its future before the next request is read. Every answer is one or more
 * events given to the sink; a bad request is an {@code error} event and the session goes on.
 * Futures are named by the ids the client gives them at submit. After {@code shutdown} the
 * session keeps answering about the futures it has until end of input; a late submit gets
 * CPython's "cannot schedule new futures after shutdown". {@link #exitCode()} follows the
 * exit-code table, as {@code map} does.
 */
public final class SessionHandler {
    private final TaskPool pool;
    private final Consumer<Map<String, Object>> emit;
    private final NdjsonCodec codec = new NdjsonCodec();
    private final Map<String, Future<Object>> futures = new LinkedHashMap<>();
    private final Map<Future<Object>, Object> ids = new java.util.IdentityHashMap<>();
    /** A submit or map that was refused, or a map element that failed: the futures map does not hold them. */
    private boolean refused;
    private boolean brokenInMap;

    public SessionHandler(TaskPool pool, Consumer<Map<String, Object>> emit) {
        this.pool = pool;
        this.emit = emit;
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
        } catch (IllegalArgumentException | UnsupportedOperationException | java.util.concurrent.RejectedExecutionException
                | dev.futures.BrokenExecutor e) {
            String type = e instanceof java.util.concurrent.RejectedExecutionException ? "RejectedExecution"
                    : e.getClass().getSimpleName();
            error(request, type, e.getMessage());
        }
    }

    /** End of input: shut down, waiting for what was submitted. */
    public void close() {
        pool.executor().shutdown(true, false);
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
        for (Future<Object> future : futures.values()) {
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
        String key = String.valueOf(id);
        if (futures.containsKey(key)) {
            throw new BadRequest("id " + id + " is taken");
        }
        String task = string(request, "task");
        Future<Object> future = pool.submit(task, list(request, "args"), RequestValues.seconds(request.get("timeout")));
        futures.put(key, future);
        ids.put(future, id);
        Map<String, Object> event = event("submitted");
        event.put("id", id);
        emit.accept(event);
    }

    private void cancel(Map<String, Object> request) {
        Future<Object> future = future(request);
        boolean force = Boolean.TRUE.equals(request.get("force"));
        boolean cancelled = force ? future.cancel(true) : future.cancel();
        Map<String, Object> event = event("cancel");
        event.put("id", ids.get(future));
        event.put("cancelled", cancelled);
        emit.accept(event);
    }

    private void state(Map<String, Object> request) {
        Future<Object> future = future(request);
        FutureState state = future.state();
        Map<String, Object> event = event("state");
        event.put("id", ids.get(future));
        event.put("state", state.text());
        event.put("done", state.isDone());
        emit.accept(event);
    }

    private void result(Map<String, Object> request) {
        Future<Object> future = future(request);
        Duration timeout = RequestValues.seconds(request.get("timeout"));
        DoneAndNotDone<Future<Object>> split = Futures.wait(List.of(future), timeout, ReturnWhen.ALL_COMPLETED);
        if (!split.notDone().isEmpty()) {
            timeout(1, 1, "result of " + ids.get(future) + " not ready within " + request.get("timeout") + " s");
            return;
        }
        emit.accept(outcome(future));
    }

    private void waitFor(Map<String, Object> request) {
        List<Future<Object>> targets = futures(request);
        ReturnWhen returnWhen = RequestValues.returnWhen(request.get("return_when"));
        DoneAndNotDone<Future<Object>> split = Futures.wait(targets, RequestValues.seconds(request.get("timeout")), returnWhen);
        Map<String, Object> event = event("summary");
        event.put("done", split.done().stream().map(ids::get).toList());
        event.put("not_done", split.notDone().stream().map(ids::get).toList());
        emit.accept(event);
    }

    private void asCompleted(Map<String, Object> request) {
        List<Future<Object>> targets = futures(request);
        try (AsCompletedIterator<Future<Object>> it = Futures.asCompleted(targets, RequestValues.seconds(request.get("timeout")))) {
            while (it.hasNext()) {
                emit.accept(outcome(it.next()));
            }
        } catch (TimeoutError e) {
            long total = targets.stream().distinct().count();
            long unfinished = targets.stream().filter(f -> !f.done()).distinct().count();
            timeout(unfinished, total, e.getMessage());
        }
    }

    private void map(Map<String, Object> request) {
        String task = string(request, "task");
        List<List<Object>> inputs = new ArrayList<>();
        for (Object input : list(request, "inputs")) {
            inputs.add(input instanceof List<?> args ? new ArrayList<>(args) : List.of(input));
        }
        MapOptions options = MapOptions.defaults().withKeepGoing(true)
                .withChunksize(integer(request, "chunksize", 1))
                .withTimeout(RequestValues.seconds(request.get("timeout")));
        if (request.get("buffersize") != null) {
            options = options.withBuffersize(integer(request, "buffersize", 1));
        }
        MapIterator<Object> results = pool.map(task, inputs, options);
        for (int index = 0; results.hasNext(); index++) {
            Map<String, Object> event = event("result");
            event.put("index", index);
            try {
                Object value = results.next();
                event.put("status", "ok");
                event.put("value", value);
            } catch (TimeoutError deadline) {
                if (!results.hasNext()) {
                    timeout(inputs.size() - index, inputs.size(), "map deadline passed");
                    return;
                }
                failure(event, deadline);
            } catch (dev.futures.CancelledError cancelled) {
                event.put("status", "cancelled");
            } catch (RuntimeException failure) {
                refused = true;
                brokenInMap |= failure instanceof dev.futures.BrokenExecutor;
                failure(event, failure);
            }
            emit.accept(event);
        }
    }

    private void shutdown(Map<String, Object> request) {
        boolean wait = !Boolean.FALSE.equals(request.get("wait"));
        boolean cancelFutures = Boolean.TRUE.equals(request.get("cancel_futures"));
        pool.executor().shutdown(wait, cancelFutures);
        emit.accept(event("shutdown"));
    }

    private void stopWorkers(boolean kill) {
        pool.stopWorkers(kill);
        Map<String, Object> event = event("workers_stopped");
        event.put("operation", kill ? "kill" : "terminate");
        emit.accept(event);
    }

    private void stats() {
        emit.accept(FutureService.stats(futures.values(), pool.workers()));
    }

    // ------------------------------------------------------------------ events

    /** A finished future as a {@code result} event. */
    private Map<String, Object> outcome(Future<Object> future) {
        return FutureService.outcome(ids.get(future), future);
    }

    private static void failure(Map<String, Object> event, Throwable error) {
        Map<String, Object> failed = FutureService.outcome(null, failedWith(error));
        event.put("status", failed.get("status"));
        event.put("error", failed.get("error"));
    }

    private static Future<Object> failedWith(Throwable error) {
        Future<Object> future = new Future<>();
        future.setException(error);
        return future;
    }

    private void timeout(long unfinished, long total, String message) {
        emit.accept(FutureService.timeoutEvent(unfinished, total, message));
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
        return FutureService.event(name);
    }

    // ------------------------------------------------------------------ request fields

    private Future<Object> future(Map<String, Object> request) {
        Object id = required(request, "id");
        Future<Object> future = futures.get(String.valueOf(id));
        if (future == null) {
            throw new BadRequest("no future has id " + id);
        }
        return future;
    }

    private List<Future<Object>> futures(Map<String, Object> request) {
        List<Future<Object>> targets = new ArrayList<>();
        for (Object id : list(request, "ids")) {
            Future<Object> future = futures.get(String.valueOf(id));
            if (future == null) {
                throw new BadRequest("no future has id " + id);
            }
            targets.add(future);
        }
        return targets;
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
