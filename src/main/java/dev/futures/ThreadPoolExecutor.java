package dev.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPython's {@code ThreadPoolExecutor}: one unbounded FIFO queue, threads started lazily on
 * submit (never more than {@code maxWorkers}), idle threads reused before a new one starts,
 * an optional initializer per thread whose failure breaks the pool.
 *
 * <p>Thread names are {@code prefix + "_" + i} with {@code i} counting from 0; the default prefix
 * is {@code ThreadPoolExecutor-k} with a process-wide counter {@code k}.
 */
public class ThreadPoolExecutor extends Executor {
    private static final System.Logger LOGGER = System.getLogger("dev.futures");
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();
    /** Put on the queue by shutdown; each worker that takes it puts it back for its siblings. */
    private static final WorkItem<?> SENTINEL = new WorkItem<>(null, null);

    private final int maxWorkers;
    private final String threadNamePrefix;
    private final Initializer initializer;
    private final LinkedBlockingQueue<WorkItem<?>> queue = new LinkedBlockingQueue<>();
    /** One permit per worker that found the queue empty: submit takes one instead of a new thread. */
    private final Semaphore idle = new Semaphore(0);
    private final Object lock = new Object();
    private final List<Thread> threads = new ArrayList<>();
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
        InterpreterExit.register(this);
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
        synchronized (lock) {
            if (broken != null) {
                throw new BrokenThreadPool(broken);
            }
            if (shutdown) {
                throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            }
            if (InterpreterExit.exiting()) {
                throw new RejectedExecutionException("cannot schedule new futures after interpreter shutdown");
            }
            Future<T> future = new Future<>();
            queue.add(new WorkItem<>(future, fn));
            adjustThreadCount();
            return future;
        }
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<Thread> toJoin;
        synchronized (lock) {
            shutdown = true;
            if (cancelFutures) {
                // DEV (spec §3.3): cancel() tells wait()/asCompleted() at once, so these drained
                // futures cannot hang a waiter as they do in CPython (gh-92001).
                for (WorkItem<?> item; (item = queue.poll()) != null; ) {
                    if (item != SENTINEL) {
                        item.future.cancel();
                    }
                }
            }
            queue.add(SENTINEL);
            toJoin = new ArrayList<>(threads);
        }
        InterpreterExit.unregister(this);
        if (wait) {
            joinAll(toJoin);
        }
    }

    /** Under the lock: reuse an idle thread if there is one, else start one while below the limit. */
    private void adjustThreadCount() {
        if (idle.tryAcquire()) {
            return;
        }
        if (threads.size() < maxWorkers) {
            Thread thread = new Thread(this::work, threadNamePrefix + "_" + threads.size());
            // Daemon so a forgotten pool cannot keep the JVM alive; InterpreterExit still joins it.
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
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
        try {
            while (true) {
                WorkItem<?> item = queue.poll();
                if (item == null) {
                    // CPython 3.12+: become idle only when the queue is empty.
                    idle.release();
                    item = queue.take();
                }
                if (item == SENTINEL) {
                    queue.add(SENTINEL);
                    return;
                }
                item.run();
                // A task that left the interrupt flag set must not end this worker's next take().
                Thread.interrupted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void initializerFailed() {
        synchronized (lock) {
            broken = BrokenThreadPool.MESSAGE;
            for (WorkItem<?> item; (item = queue.poll()) != null; ) {
                if (item == SENTINEL) {
                    queue.add(SENTINEL);
                    break;
                }
                item.future.trySetException(new BrokenThreadPool(broken));
            }
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
        final Future<T> future;
        final Callable<T> fn;

        WorkItem(Future<T> future, Callable<T> fn) {
            this.future = future;
            this.fn = fn;
        }

        void run() {
            if (!future.setRunningOrNotifyCancel()) {
                return;
            }
            T value;
            try {
                value = fn.call();
            } catch (Throwable e) {
                // Like CPython catching BaseException: the worker survives whatever the task threw.
                future.setException(e);
                return;
            }
            future.setResult(value);
        }
    }

    /** Options of a {@link ThreadPoolExecutor}. */
    public static final class Builder {
        private int maxWorkers;
        private String threadNamePrefix;
        private Initializer initializer;

        private Builder() {
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
