package dev.futures.session;

import dev.futures.AsCompletedIterator;
import dev.futures.DoneAndNotDone;
import dev.futures.Future;
import dev.futures.FutureState;
import dev.futures.Futures;
import dev.futures.ReturnWhen;
import dev.futures.TimeoutError;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one store of futures by id, and the one place their answers are made: the daemon's HTTP
 * API and {@code futures session} are thin layers over it. For the daemon's many concurrent
 * clients it issues the ids ({@code f1}, {@code f2}, ...; never reused, and a retried submit
 * with the same idempotency key gets the first submit's id) and journals the work; a session's
 * client names its futures itself ({@link #submitNamed}), and every answer names a future as
 * its client did (a JSON number stays a number). Thread-safe.
 *
 * <p>Over 400 lines because the store's promises (at-most-once starts, journalled outcomes, ids
 * never reused, forgetting and restart) all turn on the one map of tracked futures; the
 * answers' shapes are {@link Events} and the journal's file format is {@link Journal}'s.
 */
public final class FutureService {
    private final TaskPool pool;
    private final Journal journal;
    private final DoneHook onDone;
    private final AtomicLong nextId;
    private final Map<String, Tracked> futures = new ConcurrentHashMap<>();
    private final Map<String, String> idempotency = new ConcurrentHashMap<>();
    private volatile boolean shutDown;
    /** Stopping for a restart: the pending work cancelled now is left for the next run. */
    private volatile boolean draining;
    /** Stopping by killing running work: from here on the journal keeps the last run's view. */
    private volatile boolean frozen;

    /**
     * A future, the id its answers carry ({@code label}: the issued id, or what a session's
     * client named it), the task it runs (its name decides whether the outcome has an exit
     * code), its idempotency key, and when it finished (epoch milliseconds, 0 while not), for
     * forgetting.
     */
    private static final class Tracked {
        final Object label;
        final String task;
        final Future<Object> future;
        final String idempotencyKey;
        volatile long finishedAt;

        Tracked(Object label, String task, Future<Object> future, String idempotencyKey, long finishedAt) {
            this.label = label;
            this.task = task;
            this.future = future;
            this.idempotencyKey = idempotencyKey;
            this.finishedAt = finishedAt;
        }
    }

    /** Where a stream of answers goes: an HTTP response (which may fail to write) or a session's output. */
    @FunctionalInterface
    public interface EventSink<E extends Exception> {
        void accept(Map<String, Object> event) throws E;
    }

    /**
     * What runs after each future completes ({@code --on-done}): {@code told} is to be called
     * once it has run, and the journal then records that, so that a restart runs again the
     * hooks a crash kept from running (at least once, never skipped).
     */
    @FunctionalInterface
    public interface DoneHook {
        void run(Map<String, Object> outcome, Runnable told);
    }

    /** What a restart made of the journal's futures. */
    public record Recovery(int restored, int rerun, int lost) {
    }

    public FutureService(TaskPool pool) {
        this(pool, Journal.none(), null);
    }

    /**
     * @param journal where every submit, start and outcome is recorded ({@link Journal#none()} for none)
     * @param onDone  receives each outcome (a result event) once its future is done; may be null
     */
    public FutureService(TaskPool pool, Journal journal, DoneHook onDone) {
        this.pool = pool;
        this.journal = journal;
        this.onDone = onDone;
        this.nextId = new AtomicLong(journal.nextId());
    }

    /**
     * Takes over the journal's futures, before any client is served: finished ones keep their
     * outcome, ones that never started run again under their id, and ones that were running are
     * reported lost ({@code WorkLostError}) unless {@code rerunLost} runs them again too.
     */
    public Recovery recover(boolean rerunLost) {
        int restored = 0;
        int rerun = 0;
        int lost = 0;
        for (Journal.Entry entry : journal.recovered()) {
            String id = Journal.id(entry.id());
            if (entry.idempotencyKey() != null) {
                idempotency.put(entry.idempotencyKey(), id);
            }
            if (entry.outcome() != null) {
                long at = entry.finishedAt() > 0 ? entry.finishedAt() : System.currentTimeMillis();
                futures.put(id, new Tracked(id, entry.task(), restore(entry.outcome()), entry.idempotencyKey(), at));
                if (!entry.told()) {
                    tell(entry.id(), entry.task(), entry.outcome()); // a crash came between the outcome and its hook
                }
                restored++;
            } else if (entry.started() && !rerunLost) {
                Future<Object> future = new Future<>();
                track(entry.id(), entry.task(), future, entry.idempotencyKey());
                future.setException(RecordedError.lost(id));
                lost++;
            } else {
                Future<Object> future;
                try {
                    future = launch(entry.id(), entry.task(), entry.args(), entry.timeout());
                } catch (RuntimeException refused) {
                    // The task is gone from this build, or the pool cannot enforce its timeout.
                    future = new Future<>();
                    future.setException(refused);
                }
                track(entry.id(), entry.task(), future, entry.idempotencyKey());
                rerun++;
            }
        }
        return new Recovery(restored, rerun, lost);
    }

    private static Future<Object> restore(Map<String, Object> outcome) {
        Future<Object> future = new Future<>();
        Object status = outcome.get("status");
        if ("cancelled".equals(status)) {
            future.cancel();
        } else if ("error".equals(status) && outcome.get("error") instanceof Map<?, ?> error) {
            future.setException(new RecordedError(String.valueOf(error.get("type")), (String) error.get("message"),
                    (String) error.get("traceback")));
        } else {
            future.setResult(outcome.get("value"));
        }
        return future;
    }

    /**
     * Submits a named task; returns its id.
     *
     * @throws dev.futures.task.UnknownTask for a task the pool cannot run
     * @throws RejectedExecutionException after shutdown
     */
    public String submit(String task, List<Object> args, Duration timeout, String idempotencyKey) {
        if (idempotencyKey == null) {
            return start(task, args, timeout, null);
        }
        synchronized (idempotency) {
            String known = idempotency.get(idempotencyKey);
            if (known != null) {
                return known;
            }
            String id = start(task, args, timeout, idempotencyKey);
            idempotency.put(idempotencyKey, id);
            return id;
        }
    }

    /**
     * The order that keeps the journal's promises: the submit is recorded before the pool sees
     * the task (a submit that cannot be recorded is refused and never runs), and the start is
     * recorded in the pool, before any of the task runs (so a restart never runs again what may
     * have run: at most once, unless --rerun-lost asks for at least once).
     */
    private String start(String task, List<Object> args, Duration timeout, String idempotencyKey) {
        long number = nextId.getAndIncrement();
        journal.submitted(number, task, args, timeout, idempotencyKey); // throws: refused, nothing runs
        Future<Object> future;
        try {
            future = launch(number, task, args, timeout);
        } catch (RuntimeException refused) {
            try {
                journal.refused(number);
            } catch (UncheckedIOException unrecorded) {
                // Best effort: the pool's refusal is what the client hears.
            }
            throw refused;
        }
        track(number, task, future, idempotencyKey);
        return Journal.id(number);
    }

    /**
     * Submits a named task under the id its client chose (a session's): the answers about it
     * carry {@code label} as given. Such futures are not journalled: a session lives as long
     * as its client's input.
     *
     * @throws BadRequest when a future already has that id
     * @throws IllegalStateException on a journalled store (the daemon's ids are its own)
     */
    public void submitNamed(Object label, String task, List<Object> args, Duration timeout) {
        if (journal.records()) {
            throw new IllegalStateException("a journalled store issues its own ids");
        }
        String id = String.valueOf(label);
        synchronized (futures) {
            if (futures.containsKey(id)) {
                throw new BadRequest("id " + label + " is taken");
            }
            Tracked tracked = new Tracked(label, task, pool.submit(task, args, timeout, null), null, 0);
            futures.put(id, tracked);
            whenDone(tracked, 0);
        }
    }

    private Future<Object> launch(long number, String task, List<Object> args, Duration timeout) {
        return pool.submit(task, args, timeout, () -> journal.started(number));
    }

    private void track(long number, String task, Future<Object> future, String idempotencyKey) {
        String id = Journal.id(number);
        Tracked tracked = new Tracked(id, task, future, idempotencyKey, 0);
        futures.put(id, tracked);
        whenDone(tracked, number);
    }

    /** Notes when the future finished and, for journalled work ({@code number} above 0), records its outcome. */
    private void whenDone(Tracked tracked, long number) {
        tracked.future.addDoneCallback(done -> {
            tracked.finishedAt = System.currentTimeMillis();
            if (number <= 0 || frozen || (draining && done.cancelled())) {
                return; // unjournalled, or not the task's own outcome: the next run takes it up (see stopForRestart)
            }
            Map<String, Object> outcome = Events.outcome(tracked.label, done, tracked.task);
            try {
                journal.finished(number, outcome);
            } catch (UncheckedIOException unrecorded) {
                // A full volume: the next start finds the work started (lost) or not (run again).
                System.err.println("futures serve: " + tracked.label + ": " + unrecorded.getMessage());
                return;
            }
            tell(number, tracked.task, outcome);
        });
    }

    private void tell(long number, String task, Map<String, Object> outcome) {
        if (onDone == null) {
            return;
        }
        Map<String, Object> told = new LinkedHashMap<>(outcome);
        told.put("task", task);
        onDone.run(told, () -> {
            try {
                journal.told(number);
            } catch (UncheckedIOException unrecorded) {
                // Then the hook runs once more after a restart: at least once.
            }
        });
    }

    /** @throws BadRequest for an id no future has */
    public Future<Object> future(String id) {
        return tracked(id).future;
    }

    private Tracked tracked(String id) {
        Tracked tracked = futures.get(id);
        if (tracked == null) {
            throw new NotFound(issued(id) ? id + " finished long ago and was forgotten (serve --keep-finished)"
                    : "no future has id " + id);
        }
        return tracked;
    }

    /** Whether this service (or an earlier run on its journal) handed out {@code id}. */
    private boolean issued(String id) {
        try {
            long number = Long.parseLong(id.substring(1));
            return id.charAt(0) == 'f' && number >= 1 && number < nextId.get();
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /**
     * Forgets the futures that finished before {@code cutoff} (epoch milliseconds), and their
     * idempotency keys, so a daemon that runs for weeks holds what its clients may still ask
     * for, not all it ever ran. Their ids are never handed out again. Returns how many.
     */
    public int forgetFinishedBefore(long cutoff) {
        int forgotten = 0;
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Tracked> entry : futures.entrySet()) {
            Tracked tracked = entry.getValue();
            long at = tracked.finishedAt;
            if (at == 0 && tracked.future.done()) {
                at = now; // done, its callback (which notes the time) still to run: it finished just now
            }
            if (at > 0 && at < cutoff && futures.remove(entry.getKey(), tracked)) {
                if (tracked.idempotencyKey != null) {
                    synchronized (idempotency) {
                        idempotency.remove(tracked.idempotencyKey, entry.getKey());
                    }
                }
                forgotten++;
            }
        }
        return forgotten;
    }

    /** How many futures it holds (pending, running and finished ones not yet forgotten). */
    public int held() {
        return futures.size();
    }

    /** The outcome of a done future: its result event. */
    public Map<String, Object> outcome(String id) {
        Tracked tracked = tracked(id);
        return Events.outcome(tracked.label, tracked.future, tracked.task);
    }

    public Map<String, Object> state(String id) {
        Tracked tracked = tracked(id);
        FutureState state = tracked.future.state();
        Map<String, Object> event = Events.event("state");
        event.put("id", tracked.label);
        event.put("state", state.text());
        event.put("done", state.isDone());
        return event;
    }

    /** The result event once done, or a timeout event if not done within {@code timeout}. */
    public Map<String, Object> result(String id, Duration timeout) {
        Tracked tracked = tracked(id);
        DoneAndNotDone<Future<Object>> split = Futures.wait(List.of(tracked.future), timeout, ReturnWhen.ALL_COMPLETED);
        if (!split.notDone().isEmpty()) {
            return resultTimeout(id, timeout);
        }
        return Events.outcome(tracked.label, tracked.future, tracked.task);
    }

    /** The timeout event of a result that was not ready within {@code timeout}, naming the future. */
    public Map<String, Object> resultTimeout(String id, Duration timeout) {
        Object label = tracked(id).label;
        Map<String, Object> event = Events.timeoutEvent(1, 1, "result of " + label + " not ready within "
                + new BigDecimal(timeout.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + " s");
        event.put("id", label);
        return event;
    }

    public Map<String, Object> cancel(String id, boolean force) {
        Tracked tracked = tracked(id);
        Map<String, Object> event = Events.event("cancel");
        event.put("id", tracked.label);
        event.put("cancelled", force ? tracked.future.cancel(true) : tracked.future.cancel());
        return event;
    }

    /**
     * The futures of {@code ids}, each once, in the order given, with the id their answers
     * carry: what wait and as_completed take, and how their answers name the futures.
     *
     * @throws NotFound for an id no future has
     */
    private Map<Future<Object>, Tracked> futuresOf(List<String> ids) {
        Map<Future<Object>, Tracked> byFuture = new LinkedHashMap<>(); // Future's equality is identity
        for (String id : ids) {
            Tracked tracked = tracked(id);
            byFuture.putIfAbsent(tracked.future, tracked);
        }
        return byFuture;
    }

    /**
     * as_completed: a result event per future as it completes, then a timeout event (CPython's
     * "N (of M) futures unfinished") if the deadline passes first.
     *
     * @throws NotFound for an id no future has, before any event
     */
    public <E extends Exception> void asCompleted(List<String> ids, Duration timeout, EventSink<E> sink) throws E {
        Map<Future<Object>, Tracked> byFuture = futuresOf(ids);
        try (AsCompletedIterator<Future<Object>> it = Futures.asCompleted(byFuture.keySet(), timeout)) {
            while (it.hasNext()) {
                Tracked done = byFuture.get(it.next());
                sink.accept(Events.outcome(done.label, done.future, done.task));
            }
        } catch (TimeoutError e) {
            long unfinished = byFuture.keySet().stream().filter(f -> !f.done()).count();
            sink.accept(Events.timeoutEvent(unfinished, byFuture.size(), e.getMessage()));
        }
    }

    public Map<String, Object> waitFor(List<String> ids, ReturnWhen returnWhen, Duration timeout) {
        Map<Future<Object>, Tracked> byFuture = futuresOf(ids);
        DoneAndNotDone<Future<Object>> split = Futures.wait(byFuture.keySet(), timeout, returnWhen);
        Map<String, Object> event = Events.event("summary");
        event.put("done", split.done().stream().map(f -> byFuture.get(f).label).toList());
        event.put("not_done", split.notDone().stream().map(f -> byFuture.get(f).label).toList());
        // Beyond DESIGN's summary: which done ones failed, so a client can tell FIRST_EXCEPTION met.
        event.put("failed", split.done().stream().filter(f -> !f.cancelled() && f.exception(Duration.ZERO) != null)
                .map(f -> byFuture.get(f).label).toList());
        return event;
    }

    /** Every future it holds, for a session's exit code. */
    Collection<Future<Object>> all() {
        return futures.values().stream().map(tracked -> tracked.future).toList();
    }

    public Map<String, Object> stats() {
        return stats(futures.values().stream().map(tracked -> tracked.future).toList(), pool.workers());
    }

    /** The {@code stats} event: futures by state (failed = finished with an exception) and the pool's workers. */
    static Map<String, Object> stats(Collection<Future<Object>> futures, int workers) {
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
        Map<String, Object> event = Events.event("stats");
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

    /**
     * A signal's stop (SIGINT, SIGTERM), unlike a client's shutdown request: takes no more work
     * and cancels the pending work without recording it, so that the next start runs it; the
     * running work finishes and is recorded as usual. With {@code killRunning}, nothing is
     * recorded from here on, as after a crash: the work being killed stays "running" in the
     * journal, and the next start reports it lost (or runs it again with --rerun-lost).
     */
    public void stopForRestart(boolean killRunning) {
        if (killRunning) {
            frozen = true;
        }
        draining = true;
        shutDown = true;
        pool.executor().shutdown(false, true);
    }

    public boolean isShutDown() {
        return shutDown;
    }

    /** An id no future has: 404 over HTTP. */
    public static final class NotFound extends BadRequest {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }
}
