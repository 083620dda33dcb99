package dev.futures.session;

import dev.futures.Executor;
import dev.futures.Future;
import dev.futures.ThreadPoolExecutor;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.process.TaskChunks;
import dev.futures.task.CommandRunner;
import dev.futures.task.TaskRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** A pool that runs tasks by name, whichever kind it is: what a session drives. */
public interface TaskPool {

    /**
     * @throws dev.futures.task.UnknownTask for a name the pool cannot run
     * @throws UnsupportedOperationException for a timeout the pool cannot enforce
     */
    default Future<Object> submit(String task, List<Object> args, Duration timeout) {
        return submit(task, args, timeout, null);
    }

    /**
     * The same, and {@code beforeStart} (null: none) runs in the pool as the task starts, after
     * its future is RUNNING and before any of the task runs; if it throws, the task does not run
     * and the future fails with that exception. What the journal needs for at-most-once: the
     * start is recorded before the work can begin, and work whose start cannot be recorded
     * never begins.
     */
    Future<Object> submit(String task, List<Object> args, Duration timeout, Runnable beforeStart);

    /**
     * How a map's calls of {@code task} reach this pool, one at a time as its inputs come: each
     * on its own, or (a process pool with {@code chunksize} above 1) gathered into chunks that
     * travel in one message each; a thread pool has no message and ignores it.
     *
     * @throws dev.futures.task.UnknownTask for a name the pool cannot run, before anything runs
     */
    MapCalls mapCalls(String task, int chunksize);

    /** A map's way into the pool: {@link #submit} per input, {@link #inputEnded} after the last. */
    interface MapCalls extends AutoCloseable {
        /** The call's future; a refusal (shutdown, a broken pool) is thrown. */
        Future<Object> submit(List<Object> args);

        /** The last input was submitted: a partial chunk leaves now. */
        default void inputEnded() {
        }

        @Override
        default void close() {
        }
    }

    Executor executor();

    /** Worker processes or threads allowed at once. */
    int workers();

    /**
     * CPython 3.14's terminate_workers/kill_workers: shuts down, cancels pending work, and sends
     * running work SIGTERM or SIGKILL (worker processes, or a thread pool's commands).
     */
    void stopWorkers(boolean kill);

    /** {@link #stopWorkers} with SIGTERM now and SIGKILL to what is left after {@code grace}; returns at once. */
    void terminateRunning(Duration grace);

    /** A thread pool whose tasks' commands {@link CommandRunner#forThisProcess()} starts: none can be stopped. */
    static TaskPool of(ThreadPoolExecutor pool, TaskRegistry tasks) {
        return of(pool, tasks, null);
    }

    /**
     * A thread pool's call of a task, whose result must be plain data as a worker's must: a
     * value JSON cannot carry fails that future with {@code EncodingError} (the same text as a
     * worker's), and the pool goes on. Every thread-pool path calls tasks through this.
     */
    static Callable<Object> plainResult(String task, Callable<Object> call) {
        return () -> {
            Object value = call.call();
            dev.futures.protocol.NdjsonCodec.requirePlainResult(value, task);
            return value;
        };
    }

    /**
     * The call in a {@link CommandRunner.Scope} of its own, so a forced cancel (the pool's
     * {@code onForcedCancel(commands::killScopeOf)}) kills just its processes; as it is without a runner.
     */
    private static Callable<Object> inScope(CommandRunner commands,
            Callable<Object> call) {
        if (commands == null) {
            return call;
        }
        return () -> {
            try (CommandRunner.Scope scope = commands.openScope()) {
                return call.call();
            }
        };
    }

    /** A thread pool running {@code tasks}, whose commands {@code commands} starts (null: not stoppable). */
    static TaskPool of(ThreadPoolExecutor pool, TaskRegistry tasks, CommandRunner commands) {
        return new TaskPool() {
            @Override
            public Future<Object> submit(String task, List<Object> args, Duration timeout, Runnable beforeStart) {
                if (timeout != null) {
                    throw new UnsupportedOperationException("a task timeout needs the process pool (--pool process)");
                }
                Callable<Object> bound = inScope(commands, plainResult(task, tasks.bind(task, args)));
                if (beforeStart == null) {
                    return pool.submit(bound);
                }
                return pool.submit(() -> {
                    beforeStart.run();
                    return bound.call();
                });
            }

            @Override
            public MapCalls mapCalls(String task, int chunksize) {
                tasks.require(task);
                return args -> submit(task, args, null, null);
            }

            @Override
            public Executor executor() {
                return pool;
            }

            @Override
            public int workers() {
                return pool.maxWorkers();
            }

            @Override
            public void stopWorkers(boolean kill) {
                if (kill) {
                    pool.shutdown(false, true);
                    if (commands != null) {
                        commands.stop();
                    }
                } else {
                    terminateRunning(Duration.ofSeconds(2));
                }
            }

            @Override
            public void terminateRunning(Duration grace) {
                pool.shutdown(false, true);
                if (commands != null) {
                    commands.terminate(grace); // which kills what is left after grace itself
                }
            }
        };
    }

    static TaskPool of(ProcessPoolExecutor pool) {
        return new TaskPool() {
            @Override
            public Future<Object> submit(String task, List<Object> args, Duration timeout, Runnable beforeStart) {
                return pool.submit(task, args, timeout, beforeStart);
            }

            @Override
            public MapCalls mapCalls(String task, int chunksize) {
                pool.requireTask(task);
                TaskChunks chunks = new TaskChunks(pool, chunksize);
                return new MapCalls() {
                    @Override
                    public Future<Object> submit(List<Object> args) {
                        return chunks.submit(task, args);
                    }

                    @Override
                    public void inputEnded() {
                        chunks.flush();
                    }

                    @Override
                    public void close() {
                        chunks.close();
                    }
                };
            }

            @Override
            public Executor executor() {
                return pool;
            }

            @Override
            public int workers() {
                return pool.maxWorkers();
            }

            @Override
            public void stopWorkers(boolean kill) {
                if (kill) {
                    pool.killWorkers();
                } else {
                    pool.terminateWorkers();
                }
            }

            @Override
            public void terminateRunning(Duration grace) {
                pool.terminateWorkers(grace);
            }
        };
    }
}
