package dev.futures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CPython's {@code ThreadPoolExecutor}: one unbounded FIFO queue, threads started lazily on
 * submit (never more than {@code maxWorkers}), idle threads reused before a new one starts,
 * an optional initializer per thread whose failure breaks the pool.
 *
 * <p>Thread names are {@code prefix + "_" + i} with {@code i} counting from 0; the default prefix
 * is {@code ThreadPoolExecutor-k} with a process-wide counter {@code k}.
 *
 * <p>Why not CPython's idle semaphore: a worker there completes the future and only then counts
 * itself idle, so a submit made the moment {@code result()} returns may start a needless
 * thread. The GIL hides that race in CPython; real parallelism does not. Here one lock guards
 * the queue and the count of {@code available} workers (started or finished with a task and
 * not yet holding another), and a worker counts itself available <em>before</em> it completes
 * the future: submit starts a thread only when queued work outnumbers available workers.
 * Callbacks run in the worker after that, so they should be quick.
 */
public class ThreadPoolExecutor extends Executor {
    private static final System.Logger LOGGER = System.getLogger("dev.futures");
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final int maxWorkers;
    private final String threadNamePrefix;
    private final Initializer initializer;
    private final Consumer<Thread> stopper;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    // Guarded by lock:
    private final ArrayDeque<WorkItem<?>> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int available;
    private boolean shutdown;
    private String broken;

    /** {@code min(32, CPUs + 4)} workers, as CPython 3.8+. */
    public ThreadPoolExecutor() {
        this(builder());
    }

    public ThreadPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ThreadPoolExecutor(Builder builder) {
        // Computed per construction, never in a static: a native image must not keep the build machine's CPUs.
        this.maxWorkers = builder.maxWorkers > 0 ? builder.maxWorkers : defaultMaxWorkers();
        this.threadNamePrefix = builder.threadNamePrefix != null && !builder.threadNamePrefix.isEmpty()
                ? builder.threadNamePrefix
                : "ThreadPoolExecutor-" + POOL_COUNTER.getAndIncrement();
        this.initializer = builder.initializer;
        this.stopper = builder.stopper;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code min(32, CPUs + 4)}: enough threads for I/O-bound work without flooding small machines. */
    public static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    @Override
    public <T> Future<T> submit(Callable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        lock.lock();
        try {
            if (broken != null) {
                throw new BrokenThreadPool(broken);
            }
            refuseIfClosed(shutdown);
            ThreadFuture<T> future = new ThreadFuture<>(stopper);
            queue.add(new WorkItem<>(future, fn));
            if (queue.size() > available && threads.size() < maxWorkers) {
                startThread();
            } else {
                workArrived.signal();
            }
            return future;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<WorkItem<?>> toCancel = new ArrayList<>();
        List<Thread> toJoin;
        lock.lock();
        try {
            shutdown = true;
            if (cancelFutures) {
                toCancel.addAll(queue);
                queue.clear();
            }
            workArrived.signalAll();
            toJoin = new ArrayList<>(threads);
        } finally {
            lock.unlock();
        }
        // DEV (spec §3.3): cancel() tells wait()/asCompleted() at once, so these drained futures
        // cannot hang a waiter as they do in CPython (gh-92001). Outside the lock: callbacks run here.
        for (WorkItem<?> item : toCancel) {
            item.future.cancel();
        }
        forgetAtExit();
        if (wait) {
            joinAll(toJoin);
        }
    }

    /** Under the lock. The new thread counts as available: it will take queued work first thing. */
    private void startThread() {
        Thread thread = new Thread(this::work, threadNamePrefix + "_" + threads.size());
        // Daemon so a forgotten pool cannot keep the JVM alive; InterpreterExit still joins it.
        thread.setDaemon(true);
        threads.add(thread);
        available++;
        thread.start();
    }

    private void work() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable e) {
                LOGGER.log(System.Logger.Level.ERROR, "Exception in initializer:", e);
                initializerFailed();
                return;
            }
        }
        for (WorkItem<?> item; (item = take()) != null; ) {
            item.run(this::becomeAvailable);
            // A task that left the interrupt flag set must not leak it into the next task.
            Thread.interrupted();
        }
    }

    /**
     * The next item, or null once the pool is shut down and the queue is empty. Waits
     * uninterruptibly: a worker interrupted from outside must not quit while still counted as
     * available, or queued work could wait for ever (CPython's workers cannot be interrupted).
     */
    private WorkItem<?> take() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (shutdown || broken != null) {
                    available--;
                    return null;
                }
                workArrived.awaitUninterruptibly();
            }
            available--;
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    private void becomeAvailable() {
        lock.lock();
        try {
            available++;
        } finally {
            lock.unlock();
        }
    }

    private void initializerFailed() {
        List<WorkItem<?>> drained;
        lock.lock();
        try {
            broken = BrokenThreadPool.MESSAGE;
            available--;
            drained = new ArrayList<>(queue);
            queue.clear();
            workArrived.signalAll();
        } finally {
            lock.unlock();
        }
        for (WorkItem<?> item : drained) {
            item.future.trySetException(new BrokenThreadPool(BrokenThreadPool.MESSAGE));
        }
    }

    private static void joinAll(List<Thread> toJoin) {
        Thread self = Thread.currentThread();
        try {
            for (Thread thread : toJoin) {
                if (thread != self) {
                    thread.join();
                }
            }
        } catch (InterruptedException e) {
            throw new WaitInterruptedException(e);
        }
    }

    /** A queued call and its future. */
    private static final class WorkItem<T> {
        final ThreadFuture<T> future;
        final Callable<T> fn;

        WorkItem(ThreadFuture<T> future, Callable<T> fn) {
            this.future = future;
            this.fn = fn;
        }

        /** Runs the call; {@code beforeCompleting} runs after the call and before the future completes. */
        void run(Runnable beforeCompleting) {
            if (!future.setRunningOrNotifyCancel()) {
                beforeCompleting.run();
                return;
            }
            T value = null;
            Throwable error = null;
            future.started(Thread.currentThread());
            try {
                value = fn.call();
            } catch (Throwable e) {
                // Like CPython catching BaseException: the worker survives whatever the task threw.
                error = e;
            } finally {
                future.finished();
            }
            beforeCompleting.run();
            // try: a forced cancel may have ended the future while the task ran on.
            if (error != null) {
                future.trySetException(error);
            } else {
                future.trySetResult(value);
            }
        }
    }

    /** Options of a {@link ThreadPoolExecutor}. */
    public static final class Builder {
        private int maxWorkers;
        private String threadNamePrefix;
        private Initializer initializer;
        private Consumer<Thread> stopper = thread -> { };

        private Builder() {
        }

        /**
         * What a forced cancel ({@link ThreadFuture#cancel(boolean) cancel(true)}) does beyond
         * interrupting the task's thread: e.g. kill the processes the task started on it.
         */
        public Builder onForcedCancel(Consumer<Thread> value) {
            this.stopper = Objects.requireNonNull(value, "value");
            return this;
        }

        /** @throws IllegalArgumentException {@code "max_workers must be greater than 0"} */
        public Builder maxWorkers(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("max_workers must be greater than 0");
            }
            this.maxWorkers = value;
            return this;
        }

        public Builder threadNamePrefix(String value) {
            this.threadNamePrefix = value;
            return this;
        }

        public Builder initializer(Initializer value) {
            this.initializer = value;
            return this;
        }

        public ThreadPoolExecutor build() {
            return new ThreadPoolExecutor(this);
        }
    }
}
