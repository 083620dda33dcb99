package dev.futures.session;

import dev.futures.Executor;
import dev.futures.Future;
import dev.futures.MapIterator;
import dev.futures.MapOptions;
import dev.futures.ThreadPoolExecutor;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.task.TaskRegistry;
import java.time.Duration;
import java.util.List;

/** A pool that runs tasks by name, whichever kind it is: what a session drives. */
public interface TaskPool {

    /**
     * @throws dev.futures.task.UnknownTask for a name the pool cannot run
     * @throws UnsupportedOperationException for a timeout the pool cannot enforce
     */
    Future<Object> submit(String task, List<Object> args, Duration timeout);

    MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options);

    Executor executor();

    /** Worker processes or threads allowed at once. */
    int workers();

    /** CPython 3.14's terminate_workers/kill_workers; a thread pool only shuts down. */
    void stopWorkers(boolean kill);

    static TaskPool of(ThreadPoolExecutor pool, TaskRegistry tasks) {
        return new TaskPool() {
            @Override
            public Future<Object> submit(String task, List<Object> args, Duration timeout) {
                if (timeout != null) {
                    throw new UnsupportedOperationException("a task timeout needs the process pool (--pool process)");
                }
                return pool.submit(tasks.bind(task, args));
            }

            @Override
            public MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options) {
                var resolved = tasks.require(task);
                return pool.map(resolved::call, args, options);
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
                pool.shutdown(false, true);
            }
        };
    }

    static TaskPool of(ProcessPoolExecutor pool) {
        return new TaskPool() {
            @Override
            public Future<Object> submit(String task, List<Object> args, Duration timeout) {
                return pool.submit(task, args, timeout);
            }

            @Override
            public MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options) {
                return pool.map(task, args, options);
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
        };
    }
}
