package dev.futures.session;

import dev.futures.DoneAndNotDone;
import dev.futures.Future;
import dev.futures.FutureState;
import dev.futures.Futures;
import dev.futures.ReturnWhen;
import dev.futures.TaskFailedException;
import dev.futures.process.RemoteTaskException;
import dev.futures.protocol.RemoteError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Futures by id for many concurrent clients (the daemon): ids are never reused, and a retried
 * submit with the same idempotency key gets the first submit's id. Thread-safe.
 */
public final class FutureService {
    private final TaskPool pool;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, Future<Object>> futures = new ConcurrentHashMap<>();
    private final Map<String, String> idempotency = new ConcurrentHashMap<>();
    private volatile boolean shutDown;

    public FutureService(TaskPool pool) {
        this.pool = pool;
    }

    /**
     * Submits a named task; returns its id.
     *
     * @throws dev.futures.task.UnknownTask for a task the pool cannot run
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     */
    public String submit(String task, List<Object> args, Duration timeout, String idempotencyKey) {
        if (idempotencyKey == null) {
            return register(pool.submit(task, args, timeout));
        }
        synchronized (idempotency) {
            String known = idempotency.get(idempotencyKey);
            if (known != null) {
                return known;
            }
            String id = register(pool.submit(task, args, timeout));
            idempotency.put(idempotencyKey, id);
            return id;
        }
    }

    private String register(Future<Object> future) {
        String id = "f" + nextId.getAndIncrement();
        futures.put(id, future);
        return id;
    }

    /** @throws BadRequest for an id no future has */
    public Future<Object> future(String id) {
        Future<Object> future = futures.get(id);
        if (future == null) {
            throw new NotFound("no future has id " + id);
        }
        return future;
    }

    public Map<String, Object> state(String id) {
        Future<Object> future = future(id);
        FutureState state = future.state();
        Map<String, Object> event = event("state");
        event.put("id", id);
        event.put("state", state.text());
        event.put("done", state.isDone());
        return event;
    }

    /** The result event once done, or a timeout event if not done within {@code timeout}. */
    public Map<String, Object> result(String id, Duration timeout) {
        Future<Object> future = future(id);
        DoneAndNotDone<Future<Object>> split = Futures.wait(List.of(future), timeout, ReturnWhen.ALL_COMPLETED);
        if (!split.notDone().isEmpty()) {
            Map<String, Object> event = event("timeout");
            event.put("id", id);
            event.put("unfinished", 1);
            event.put("total", 1);
            event.put("message", "result of " + id + " not ready within " + timeout);
            return event;
        }
        return outcome(id, future);
    }

    public Map<String, Object> cancel(String id, boolean force) {
        Future<Object> future = future(id);
        Map<String, Object> event = event("cancel");
        event.put("id", id);
        event.put("cancelled", force ? future.cancel(true) : future.cancel());
        return event;
    }

    public Map<String, Object> waitFor(List<String> ids, ReturnWhen returnWhen, Duration timeout) {
        Map<Future<Object>, String> byFuture = new java.util.IdentityHashMap<>();
        List<Future<Object>> targets = new ArrayList<>();
        for (String id : ids) {
            Future<Object> future = future(id);
            byFuture.put(future, id);
            targets.add(future);
        }
        DoneAndNotDone<Future<Object>> split = Futures.wait(targets, timeout, returnWhen);
        Map<String, Object> event = event("summary");
        event.put("done", split.done().stream().map(byFuture::get).toList());
        event.put("not_done", split.notDone().stream().map(byFuture::get).toList());
        return event;
    }

    public Map<String, Object> stats() {
        return stats(futures.values(), pool.workers());
    }

    /** The {@code stats} event: futures by state (failed = finished with an exception) and the pool's workers. */
    static Map<String, Object> stats(java.util.Collection<Future<Object>> futures, int workers) {
        long pending = 0;
        long running = 0;
        long done = 0;
        long failed = 0;
        long cancelled = 0;
        for (Future<Object> future : futures) {
            FutureState state = future.state();
            if (state == FutureState.PENDING) {
                pending++;
            } else if (state == FutureState.RUNNING) {
                running++;
            } else if (state.isCancelled()) {
                cancelled++;
            } else if (future.exception(Duration.ZERO) != null) {
                failed++;
            } else {
                done++;
            }
        }
        Map<String, Object> event = event("stats");
        event.put("pending", pending);
        event.put("running", running);
        event.put("done", done);
        event.put("failed", failed);
        event.put("cancelled", cancelled);
        event.put("workers", workers);
        return event;
    }

    public void shutdown(boolean wait, boolean cancelFutures) {
        shutDown = true;
        pool.executor().shutdown(wait, cancelFutures);
    }

    public boolean isShutDown() {
        return shutDown;
    }

    /** A finished future as a result event: value, error (type, message, traceback) or cancelled. */
    static Map<String, Object> outcome(Object id, Future<Object> future) {
        Map<String, Object> event = event("result");
        event.put("id", id);
        if (future.cancelled()) {
            event.put("status", "cancelled");
            return event;
        }
        Throwable error = future.exception(Duration.ZERO);
        if (error == null) {
            event.put("status", "ok");
            event.put("value", future.result(Duration.ZERO));
            return event;
        }
        Throwable cause = error instanceof TaskFailedException && error.getCause() != null ? error.getCause() : error;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", cause.getClass().getSimpleName());
        details.put("message", cause.getMessage());
        details.put("traceback", cause.getCause() instanceof RemoteTaskException remote ? remote.remoteTraceback()
                : RemoteError.of(cause).traceback());
        event.put("status", "error");
        event.put("error", details);
        return event;
    }

    static Map<String, Object> event(String name) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        return event;
    }

    /** An id no future has: 404 over HTTP. */
    public static final class NotFound extends BadRequest {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }
}
