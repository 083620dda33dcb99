package dev.futures.process;

import dev.futures.CancelledError;
import dev.futures.Executor;
import dev.futures.Future;
import dev.futures.MapIterator;
import dev.futures.MapOptions;
import dev.futures.WaitInterruptedException;
import dev.futures.protocol.EncodingError;
import dev.futures.protocol.Frames;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.RemoteError;
import dev.futures.task.TaskRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CPython's {@code ProcessPoolExecutor}, with workers that are this program started again in
 * worker mode (or any command speaking {@code docs/protocol.md}). Tasks are named, not
 * closures: {@code submit("square", 7)}, as a pickled function is found by its name.
 *
 * <pre>
 *  submit/map ──► pending (FIFO, PENDING futures, cancellable)
 *                    │ dispatch(): only to an idle worker; the future becomes RUNNING here
 *                    ▼
 *                 running[id] ──► WorkerHandle.outbox ──writer thread──► worker stdin
 *                                                                           │ runs the task
 *  futures completed ◄── onFrame() ◄──reader thread── worker stdout ◄───────┘
 *                        (one result frame per call, an outcome per chunk element; the worker
 *                         is idle again before the futures complete, so the next submit reuses it)
 *  worker EOF/exit ──► onWorkerGone(): retiring → replace if work is pending;
 *                      killed by the pool (timeout, forced cancel, terminate) → replace;
 *                      otherwise BREAK (every unfinished future fails) or REPLACE (one fails)
 * </pre>
 *
 * <p>One lock guards all of it; futures are completed and callbacks run after it is released.
 * No pool thread ever blocks on a pipe: each worker has its own writer and reader threads, so
 * a 16 MiB frame to a dying worker cannot stall the pool (gh-94777). At most
 * {@code maxWorkers} futures are RUNNING: dispatch goes to idle workers only (DEV, tighter than
 * CPython's {@code 2*max_workers+1}, spec §6.2).
 *
 * <p>Long (some 900 lines) on purpose: every state change of the pool, its workers and its
 * futures happens under that one lock, here, so the invariants above can be read in one file;
 * what does not need the lock lives beside it (worker handles, launchers, the frame codec).
 */
public class ProcessPoolExecutor extends Executor {
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();
    /** Heartbeat defaults: a stalled connection is found within 10 s (+ one 2 s check). */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(10);

    private final int maxWorkers;
    private final String initializer;
    private final List<Object> initargs;
    private final Integer maxTasksPerChild;
    private final WorkerLauncher launcher;
    private final OnWorkerDeath onWorkerDeath;
    private final Duration taskTimeout;
    private final WorkerListener listener;
    private final TaskRegistry tasks;
    private final String threadPrefix;
    private final NdjsonCodec codec = new NdjsonCodec();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock:
    private final ArrayDeque<WorkItem> pending = new ArrayDeque<>();
    private final Map<Long, WorkItem> running = new LinkedHashMap<>();
    private final List<WorkerHandle> workers = new ArrayList<>();
    private final ArrayDeque<WorkerHandle> idle = new ArrayDeque<>();
    private int starting;
    private int spawned;
    /** Futures being completed outside the lock; shutdown(wait) waits for these too. */
    private int settling;
    private long nextId;
    private boolean shutdown;
    private String broken;
    private ScheduledThreadPoolExecutor timers;
    /** How often workers send heartbeats, and the silence after which one is dead (null: no heartbeats). */
    private final Duration heartbeat;
    private final Duration silence;
    private ScheduledFuture<?> heartbeatWatch;

    /** As many workers as CPUs, started from this program. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ProcessPoolExecutor(Builder builder) {
        // Per construction, never static: a native image must not keep the build machine's CPUs.
        this.maxWorkers = builder.maxWorkers > 0 ? builder.maxWorkers : Runtime.getRuntime().availableProcessors();
        this.tasks = builder.tasks != null ? builder.tasks : TaskRegistry.forProcessWorkers();
        if (builder.initializer != null) {
            tasks.require(builder.initializer); // an unknown initializer fails here, not in every worker
        }
        this.initializer = builder.initializer;
        this.initargs = builder.initargs;
        this.maxTasksPerChild = builder.maxTasksPerChild;
        this.launcher = builder.launcher != null ? builder.launcher : WorkerLaunchers.self();
        this.onWorkerDeath = builder.onWorkerDeath;
        this.taskTimeout = builder.taskTimeout;
        this.heartbeat = builder.heartbeat;
        this.silence = builder.silence;
        this.listener = builder.listener;
        this.threadPrefix = "ProcessPoolExecutor-" + POOL_COUNTER.getAndIncrement();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    /** The pids of the worker processes alive now (started, ready or retiring). */
    public List<Long> workerPids() {
        lock.lock();
        try {
            return workers.stream().map(w -> w.processPid).toList();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ submitting

    /**
     * Runs the named task with these arguments in a worker.
     *
     * @throws dev.futures.task.UnknownTask at once for a name no worker knows
     * @throws BrokenProcessPool once the pool is broken
     * @throws RejectedExecutionException after shutdown
     */
    public ProcessFuture<Object> submit(String task, Object... args) {
        return submit(task, Arrays.asList(args), taskTimeout);
    }

    /**
     * Like {@link #submit(String, Object...)}, with a timeout of this task's own ({@code null}:
     * the pool's): past it the worker is killed and replaced and the future fails with
     * {@link TaskTimeoutError}; the pool goes on.
     */
    public ProcessFuture<Object> submit(String task, List<?> args, Duration timeout) {
        return submit(task, args, timeout, null);
    }

    /**
     * Beyond CPython: like {@link #submit(String, List, Duration)}, and {@code beforeStart} runs
     * in the pool as the task is committed to a worker, after the future is RUNNING and before
     * the call is sent. If it throws, the task is not sent and the future fails with its
     * exception. A daemon's journal records "started" there, so that nothing can run that the
     * journal does not know may have run. It runs under the pool's lock: keep it short.
     */
    public ProcessFuture<Object> submit(String task, List<?> args, Duration timeout, Runnable beforeStart) {
        return submitGroup(task, List.of(args), timeout != null ? timeout : taskTimeout, beforeStart).get(0);
    }

    /**
     * Process workers cannot run a Java closure (CPython: a lambda cannot be pickled); submit
     * tasks by name instead.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public <T> Future<T> submit(Callable<T> fn) {
        throw new UnsupportedOperationException(
                "a process pool runs tasks by name: submit(\"task\", args...), see TaskRegistry");
    }

    /** {@code map} of the named task over argument lists, eager, no deadline. */
    public MapIterator<Object> map(String task, Iterable<? extends List<?>> args) {
        return map(task, args, MapOptions.defaults());
    }

    /**
     * {@code map} of the named task over argument lists. {@code chunksize} inputs travel in one
     * message; each still has its own outcome (CPython after 3.14), so chunking changes
     * throughput only. {@code buffersize} counts chunks, as in CPython.
     *
     * @throws IllegalArgumentException {@code "chunksize must be >= 1."}
     */
    public MapIterator<Object> map(String task, Iterable<? extends List<?>> args, MapOptions options) {
        tasks.require(task);
        int chunksize = options.chunksize();
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1.");
        }
        return startMap(() -> chunks(args.iterator(), chunksize), options, chunksize,
                chunk -> new ArrayList<Future<Object>>(submitGroup(task, chunk, taskTimeout, null)));
    }

    /**
     * Checks a task name before a stream of its calls starts.
     *
     * @throws dev.futures.task.UnknownTask for a name no worker knows
     */
    public void requireTask(String task) {
        tasks.require(task);
    }

    /**
     * Beyond CPython: the calls of one task travel to one worker in one message, each with its
     * own future, as {@code map}'s {@code chunksize} sends them; for callers that stream their
     * inputs and chunk them themselves. An argument that cannot cross fails only its own future.
     */
    public List<ProcessFuture<Object>> submitChunk(String task, List<? extends List<?>> argLists) {
        return submitGroup(task, argLists, taskTimeout, null);
    }

    private List<ProcessFuture<Object>> submitGroup(String task, List<? extends List<?>> argLists, Duration timeout,
            Runnable beforeStart) {
        tasks.require(task);
        List<ProcessFuture<Object>> all = new ArrayList<>(argLists.size());
        List<ProcessFuture<Object>> sent = new ArrayList<>(argLists.size());
        List<List<Object>> chunk = new ArrayList<>(argLists.size());
        for (List<?> args : argLists) {
            ProcessFuture<Object> future = new ProcessFuture<>(this);
            all.add(future);
            try {
                // Checked once, here: an argument that cannot cross fails only its own future.
                NdjsonCodec.requirePlainData(args, "an argument of " + task);
                chunk.add(new ArrayList<>(args));
                sent.add(future);
            } catch (EncodingError e) {
                future.setException(e);
            }
        }
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            checkAccepting();
            if (!sent.isEmpty()) {
                pending.add(new WorkItem(nextId++, task, chunk, sent, timeout == null ? 0 : timeout.toNanos(), beforeStart));
                dispatch(after);
                adjustWorkers(after);
            }
            willSettle(after);
        } finally {
            lock.unlock();
        }
        settle(after);
        return all;
    }

    private void checkAccepting() {
        if (broken != null) {
            throw new BrokenProcessPool(broken);
        }
        refuseIfClosed(shutdown);
    }

    // ------------------------------------------------------------------ shutting down

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<ProcessFuture<Object>> toCancel = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            if (cancelFutures) {
                for (WorkItem item : pending) {
                    toCancel.addAll(item.futures);
                }
                pending.clear();
            }
            retireIdleIfDone();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        toCancel.forEach(Future::cancel);
        forgetAtExit();
        if (wait) {
            awaitTermination();
        }
    }

    /**
     * CPython 3.14's {@code terminate_workers()}: {@code shutdown(wait=false, cancelFutures=true)},
     * then SIGTERM to every live worker. Running futures fail with {@link BrokenProcessPool}.
     */
    public void terminateWorkers() {
        stopWorkers(false);
    }

    /**
     * Beyond CPython: {@link #terminateWorkers()} now and {@link #killWorkers()} after
     * {@code grace}, for what SIGTERM did not end (DESIGN's SIGTERM rule). Returns at once.
     */
    public void terminateWorkers(Duration grace) {
        // What SIGTERM reached, tasks' processes included: a worker that exits on SIGTERM leaves
        // the pool's list at once, but a task of it that ignores SIGTERM lives on, reparented.
        List<ProcessHandle> signalled = stopWorkers(false);
        Thread escalate = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis()); // the grace period is the point here, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            signalled.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            killWorkers();
        }, threadPrefix + "-kill-after-grace");
        escalate.setDaemon(true);
        escalate.start();
    }

    /** CPython 3.14's {@code kill_workers()}: like {@link #terminateWorkers()} with SIGKILL, tasks' processes included. */
    public void killWorkers() {
        stopWorkers(true);
    }

    /** Returns the processes signalled: the workers and what they had started. */
    private List<ProcessHandle> stopWorkers(boolean kill) {
        shutdown(false, true);
        List<WorkerHandle> targets;
        lock.lock();
        try {
            targets = new ArrayList<>(workers);
            for (WorkerHandle worker : targets) {
                if (worker.killReason == null) {
                    worker.killReason = WorkerHandle.KillReason.TERMINATE;
                }
            }
        } finally {
            lock.unlock();
        }
        List<ProcessHandle> signalled = new ArrayList<>();
        for (WorkerHandle worker : targets) {
            signalled.addAll(worker.stop(kill));
        }
        return signalled;
    }

    private void awaitTermination() {
        lock.lock();
        try {
            while (!workers.isEmpty() || !running.isEmpty() || !pending.isEmpty() || settling > 0) {
                changed.await();
            }
        } catch (InterruptedException e) {
            throw new WaitInterruptedException(e);
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            if (timers != null) {
                timers.shutdownNow();
                timers = null;
                heartbeatWatch = null;
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ under the lock

    /**
     * Commits pending items to idle workers; the futures become RUNNING here and only here. The
     * call frames are written by {@code after}, outside the lock.
     */
    private void dispatch(List<Runnable> after) {
        while (!idle.isEmpty() && !pending.isEmpty()) {
            WorkItem item = pending.poll();
            if (!item.claim(after)) {
                continue;
            }
            WorkerHandle worker = idle.poll();
            item.worker = worker;
            long now = System.nanoTime();
            for (ProcessFuture<Object> future : item.futures) {
                future.dispatchedTo(worker.workerPid, now);
            }
            worker.current = item;
            running.put(item.id, item);
            Map<String, Object> call = Frames.call(item.id, item.task, item.chunk);
            after.add(() -> worker.sendCall(call));
            if (item.timeoutNanos > 0) {
                item.timer = timers().schedule(() -> onTaskTimeout(item), item.timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Starts workers while queued work outnumbers idle and starting ones (lazily, as CPython 3.9+). */
    private void adjustWorkers(List<Runnable> after) {
        if (broken != null || (shutdown && pending.isEmpty())) {
            return;
        }
        int needed = pending.size() - idle.size() - starting;
        while (needed-- > 0 && workers.size() < maxWorkers) {
            if (!spawnWorker(after)) {
                return;
            }
        }
    }

    private boolean spawnWorker(List<Runnable> after) {
        Process process;
        try {
            process = launcher.start();
        } catch (IOException e) {
            if (workers.isEmpty()) {
                breakPool(BrokenProcessPool.REPLACEMENT_MESSAGE, e, null, after);
            }
            return false;
        }
        WorkerHandle worker = new WorkerHandle(process, codec);
        workers.add(worker);
        starting++;
        worker.send(Frames.hello(initializer, initargs, maxTasksPerChild,
                heartbeat == null ? null : heartbeat.toMillis()));
        worker.start(this, threadPrefix + "-" + spawned++);
        return true;
    }

    /** After shutdown, once nothing is queued, idle workers are told to leave. */
    private void retireIdleIfDone() {
        if (!shutdown || !pending.isEmpty()) {
            return;
        }
        for (WorkerHandle worker : idle) {
            worker.retiring = true;
            worker.send(Frames.shutdown());
            worker.closeInput();
        }
        idle.clear();
    }

    /**
     * CPython's {@code _terminate_broken}: every unfinished future fails, later submits raise,
     * the remaining workers are terminated.
     */
    private void breakPool(String message, Throwable cause, WorkItem failedItem, List<Runnable> after) {
        broken = message;
        shutdown = true;
        List<ProcessFuture<Object>> unfinished = new ArrayList<>();
        if (failedItem != null) {
            unfinished.addAll(failedItem.futures);
        }
        for (WorkItem item : running.values()) {
            cancelTimer(item);
            unfinished.addAll(item.futures);
        }
        for (WorkItem item : pending) {
            unfinished.addAll(item.futures);
        }
        running.clear();
        pending.clear();
        idle.clear();
        List<WorkerHandle> others = new ArrayList<>(workers);
        for (WorkerHandle worker : others) {
            worker.current = null;
            if (worker.killReason == null) {
                worker.killReason = WorkerHandle.KillReason.BROKEN;
            }
        }
        after.add(() -> {
            for (ProcessFuture<Object> future : unfinished) {
                // Cancelled futures are skipped, as in CPython.
                future.trySetException(new BrokenProcessPool(BrokenProcessPool.FUTURE_MESSAGE, cause));
            }
            others.forEach(worker -> worker.stop(false));
        });
        changed.signalAll();
    }

    private ScheduledThreadPoolExecutor timers() {
        if (timers == null) {
            timers = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, threadPrefix + "-timeouts");
                thread.setDaemon(true);
                return thread;
            });
            timers.setRemoveOnCancelPolicy(true);
        }
        return timers;
    }

    private static void cancelTimer(WorkItem item) {
        if (item.timer != null) {
            item.timer.cancel(false);
            item.timer = null;
        }
    }

    // ------------------------------------------------------------------ from the worker threads

    /**
     * Kills each worker that promised heartbeats and has sent nothing for {@code silence}: its
     * connection stalled (a host that vanished, a frozen link) without closing, which no end
     * of file would ever report. It then ends as a dead worker does (break, or replace).
     */
    private void checkHeartbeats() {
        long now = System.nanoTime();
        List<WorkerHandle> silent = new ArrayList<>();
        lock.lock();
        try {
            for (WorkerHandle worker : workers) {
                if (worker.heartbeats && worker.stalled == null && now - worker.lastHeard > silence.toNanos()) {
                    worker.stalled = "no frame from worker " + worker.workerPid + " for " + silence.toMillis()
                            + " ms: its connection stalled";
                    silent.add(worker);
                }
            }
        } finally {
            lock.unlock();
        }
        silent.forEach(worker -> worker.stop(true));
    }

    /** A frame from a worker's stdout (reader thread). */
    void onFrame(WorkerHandle worker, Map<String, Object> frame) {
        Object type = frame.get(Frames.TYPE);
        if (Frames.HEARTBEAT.equals(type)) {
            return; // reading it was the point (lastHeard)
        }
        if (Frames.RESULT.equals(type)) {
            onResult(worker, frame);
        } else if (Frames.READY.equals(type)) {
            onReady(worker, frame);
        } else if (Frames.FATAL.equals(type)) {
            RemoteError error = RemoteError.fromJson(frame.get("error"));
            lock.lock();
            try {
                worker.fatal = new RemoteTaskException(initializer == null ? "worker" : initializer, worker.workerPid, error);
            } finally {
                lock.unlock();
            }
        } else {
            throw new dev.futures.protocol.ProtocolError("unexpected frame from worker: " + type);
        }
    }

    private void onReady(WorkerHandle worker, Map<String, Object> frame) {
        List<Runnable> after = new ArrayList<>();
        long pid;
        lock.lock();
        try {
            worker.ready = true;
            worker.workerPid = Frames.longField(frame, "pid");
            worker.heartbeats = heartbeat != null && frame.get("heartbeat") instanceof Number;
            if (worker.heartbeats && heartbeatWatch == null) {
                long every = heartbeat.toNanos();
                heartbeatWatch = timers().scheduleAtFixedRate(this::checkHeartbeats, every, every, TimeUnit.NANOSECONDS);
            }
            pid = worker.workerPid;
            starting--;
            if (worker.killReason == null && broken == null) {
                idle.add(worker);
                dispatch(after);
                retireIdleIfDone();
                adjustWorkers(after);
            }
            willSettle(after);
        } finally {
            lock.unlock();
        }
        listener.workerStarted(pid);
        settle(after);
    }

    /** A call's outcomes: each element's value, or its error if {@code errors} names its index. */
    private void onResult(WorkerHandle worker, Map<String, Object> frame) {
        long id = Frames.longField(frame, "id");
        if (!(frame.get("values") instanceof List<?> values)) {
            throw new dev.futures.protocol.ProtocolError("result frame without values");
        }
        Map<?, ?> errors = frame.get("errors") instanceof Map<?, ?> map ? map : Map.of();
        Map<?, ?> stderr = frame.get("stderr") instanceof Map<?, ?> map ? map : Map.of();
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            WorkItem item = running.get(id);
            if (item == null || item.worker != worker) {
                return; // timed out, force-cancelled or failed with the pool meanwhile
            }
            if (values.size() != item.futures.size()) {
                throw new dev.futures.protocol.ProtocolError("result for call " + id + " has " + values.size()
                        + " values for " + item.futures.size() + " elements");
            }
            running.remove(id);
            cancelTimer(item);
            worker.current = null;
            if (Boolean.TRUE.equals(frame.get("exit"))) {
                worker.retiring = true; // max_tasks_per_child: it leaves; onWorkerGone replaces it
            } else {
                // Idle before the futures complete, so a submit right after result() reuses it.
                idle.add(worker);
                dispatch(after);
                retireIdleIfDone();
            }
            changed.signalAll();
            WorkItem done = item;
            after.add(() -> complete(done, values, errors, stderr, worker.workerPid));
            willSettle(after);
        } finally {
            lock.unlock();
        }
        settle(after);
    }

    private static void complete(WorkItem item, List<?> values, Map<?, ?> errors, Map<?, ?> stderr, long workerPid) {
        long now = System.nanoTime();
        for (int index = 0; index < values.size(); index++) {
            Object error = errors.get(Integer.toString(index));
            ProcessFuture<Object> future = item.futures.get(index);
            future.answered(now);
            if (stderr.get(Integer.toString(index)) instanceof String written) {
                try {
                    future.stderr(Base64.getDecoder().decode(written));
                } catch (IllegalArgumentException notBase64) {
                    future.stderr(written.getBytes(StandardCharsets.UTF_8)); // a worker of another kind
                }
            }
            if (error == null) {
                future.trySetResult(values.get(index));
            } else {
                future.trySetException(RemoteErrors.rebuild(RemoteError.fromJson(error), item.task, workerPid));
            }
        }
    }

    /** The worker's stdout ended (reader thread), once per worker, with its exit code. */
    void onWorkerGone(WorkerHandle worker, Throwable readError, int exitCode) {
        int signal = exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : 0;
        WorkerDiedError died = new WorkerDiedError(worker.workerPid, exitCode, signal, worker.protocolBreak);
        if (readError != null) {
            died.initCause(readError);
        } else if (worker.stalled != null) {
            died.initCause(new IOException(worker.stalled));
        }
        // Before the pool's state says the worker is gone: shutdown(wait) returns on that state,
        // and whoever waits on it (the CLI's "end" event) must come after this exit.
        listener.workerExited(worker.workerPid, exitCode, signal, worker.protocolBreak);
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (!workers.remove(worker)) {
                return;
            }
            idle.remove(worker);
            if (!worker.ready) {
                starting--;
            }
            WorkItem item = worker.current;
            worker.current = null;
            if (item != null) {
                running.remove(item.id);
                cancelTimer(item);
            }
            WorkerHandle.KillReason reason = worker.killReason;
            if (reason == WorkerHandle.KillReason.TERMINATE || reason == WorkerHandle.KillReason.BROKEN) {
                failLater(item, new BrokenProcessPool(BrokenProcessPool.FUTURE_MESSAGE, died), after);
            } else if (reason == null && !(worker.retiring && item == null)) {
                Throwable cause = worker.fatal != null ? worker.fatal : died;
                if (onWorkerDeath == OnWorkerDeath.REPLACE && worker.ready && worker.fatal == null && broken == null) {
                    failLater(item, died, after);
                } else if (broken == null) {
                    breakPool(BrokenProcessPool.POOL_MESSAGE, cause, item, after);
                } else {
                    failLater(item, new BrokenProcessPool(BrokenProcessPool.FUTURE_MESSAGE, cause), after);
                }
            }
            // TIMEOUT and FORCE_CANCEL: the futures were settled when the pool killed the worker.
            adjustWorkers(after);
            retireIdleIfDone();
            changed.signalAll();
            willSettle(after);
        } finally {
            lock.unlock();
        }
        settle(after);
    }

    /** Under the lock, before it is released: {@code after} will run, so shutdown(wait) must wait for it. */
    private void willSettle(List<Runnable> after) {
        if (!after.isEmpty()) {
            settling++;
        }
    }

    /** Outside the lock: completes futures (their callbacks run here), then lets shutdown(wait) go on. */
    private void settle(List<Runnable> after) {
        if (after.isEmpty()) {
            return;
        }
        RuntimeException first = null;
        try {
            for (Runnable action : after) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // Every action still runs: one that fails must not strand the others' futures.
                    first = first == null ? e : first;
                }
            }
        } finally {
            lock.lock();
            try {
                settling--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void failLater(WorkItem item, Throwable error, List<Runnable> after) {
        if (item != null) {
            List<ProcessFuture<Object>> futures = item.futures;
            after.add(() -> futures.forEach(future -> future.trySetException(error)));
        }
    }

    /** A task ran past its timeout (timer thread): kill its worker, fail its futures, go on. */
    private void onTaskTimeout(WorkItem item) {
        WorkerHandle worker;
        lock.lock();
        try {
            if (running.get(item.id) != item) {
                return;
            }
            running.remove(item.id);
            worker = item.worker;
            worker.current = null;
            worker.killReason = WorkerHandle.KillReason.TIMEOUT;
            settling++;
        } finally {
            lock.unlock();
        }
        TaskTimeoutError error = new TaskTimeoutError("task '" + item.task + "' timed out after "
                + Duration.ofNanos(item.timeoutNanos).toMillis() + " ms; worker " + worker.workerPid + " was killed");
        settle(List.of(() -> worker.stop(true), () -> item.futures.forEach(future -> future.trySetException(error))));
    }

    /** {@code cancel(true)} of a running future: kill its worker, cancel the future, go on. */
    boolean forceCancel(ProcessFuture<?> future) {
        WorkItem item;
        WorkerHandle worker;
        lock.lock();
        try {
            item = future.item;
            if (item == null || running.get(item.id) != item || !future.running()) {
                return future.cancelled();
            }
            running.remove(item.id);
            cancelTimer(item);
            worker = item.worker;
            worker.current = null;
            worker.killReason = WorkerHandle.KillReason.FORCE_CANCEL;
            settling++;
        } finally {
            lock.unlock();
        }
        boolean[] cancelled = new boolean[1];
        settle(List.of(() -> worker.stop(true), () -> {
            cancelled[0] = future.markCancelledWhileRunning();
            for (ProcessFuture<Object> sibling : item.futures) {
                if (sibling != future) {
                    sibling.trySetException(new CancelledError("its chunk's worker was killed by a forced cancel"));
                }
            }
        }));
        return cancelled[0];
    }

    // ------------------------------------------------------------------ helpers

    /** Lazily groups argument lists into chunks of {@code size} ({@code itertools.batched}). */
    private static Iterator<List<List<?>>> chunks(Iterator<? extends List<?>> args, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return args.hasNext();
            }

            @Override
            public List<List<?>> next() {
                if (!args.hasNext()) {
                    throw new NoSuchElementException();
                }
                List<List<?>> chunk = new ArrayList<>(size);
                while (chunk.size() < size && args.hasNext()) {
                    chunk.add(args.next());
                }
                return chunk;
            }
        };
    }

    /** Options of a {@link ProcessPoolExecutor}. */
    public static final class Builder {
        private int maxWorkers;
        private String initializer;
        private List<Object> initargs = List.of();
        private Integer maxTasksPerChild;
        private WorkerLauncher launcher;
        private OnWorkerDeath onWorkerDeath = OnWorkerDeath.BREAK;
        private Duration taskTimeout;
        private WorkerListener listener = WorkerListener.NONE;
        private TaskRegistry tasks;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration silence = DEFAULT_SILENCE;

        private Builder() {
        }

        /** @throws IllegalArgumentException {@code "max_workers must be greater than 0"} */
        public Builder maxWorkers(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("max_workers must be greater than 0");
            }
            maxWorkers = value;
            return this;
        }

        /** A task every worker runs once before any other; its failure breaks the pool. */
        public Builder initializer(String task, Object... args) {
            initializer = Objects.requireNonNull(task, "task");
            initargs = Arrays.asList(args);
            NdjsonCodec.requirePlainData(initargs, "an argument of the initializer");
            return this;
        }

        /** @throws IllegalArgumentException {@code "max_tasks_per_child must be >= 1"} */
        public Builder maxTasksPerChild(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max_tasks_per_child must be >= 1");
            }
            maxTasksPerChild = value;
            return this;
        }

        /**
         * Workers send a heartbeat every {@code interval}; one that sends nothing for
         * {@code silence} is dead (default: every 2 s, dead after 10 s). Null: no heartbeats.
         */
        public Builder heartbeat(Duration interval, Duration silence) {
            if (interval != null && (interval.isNegative() || interval.isZero() || silence == null
                    || silence.compareTo(interval) <= 0)) {
                throw new IllegalArgumentException("a heartbeat needs a positive interval and a longer silence");
            }
            this.heartbeat = interval;
            this.silence = silence;
            return this;
        }

        public Builder launcher(WorkerLauncher value) {
            launcher = Objects.requireNonNull(value, "launcher");
            return this;
        }

        public Builder onWorkerDeath(OnWorkerDeath value) {
            onWorkerDeath = Objects.requireNonNull(value, "onWorkerDeath");
            return this;
        }

        /** Every task's own timeout, unless a submit names another ({@link TaskTimeoutError}). */
        public Builder taskTimeout(Duration value) {
            taskTimeout = value;
            return this;
        }

        public Builder listener(WorkerListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * The registry that submit checks names against (default: {@link TaskRegistry#forProcessWorkers()},
         * which is what a worker of this program runs).
         */
        public Builder tasks(TaskRegistry value) {
            tasks = Objects.requireNonNull(value, "tasks");
            return this;
        }

        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }
}
