package dev.futures;

import java.util.List;

/**
 * An executor as the scenario suite sees it: calls by task name, so one suite runs against the
 * thread pool and, later, the process pool.
 */
interface PoolUnderTest extends AutoCloseable {

    Executor executor();

    /** Submits the named task; an unknown name throws here, before anything runs. */
    Future<Object> submit(String task, Object... args);

    /** {@code map} of the named task over argument tuples. */
    MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options);

    @Override
    default void close() {
        executor().shutdown(true, false);
    }

    /** How a pool submits one named call. */
    @FunctionalInterface
    interface Submit {
        Future<Object> submit(String task, Object... args);
    }

    /** How a pool maps a named task. */
    @FunctionalInterface
    interface MapTask {
        MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options);
    }

    static PoolUnderTest of(Executor executor, Submit submit, MapTask map) {
        return new PoolUnderTest() {
            @Override
            public Executor executor() {
                return executor;
            }

            @Override
            public Future<Object> submit(String task, Object... args) {
                return submit.submit(task, args);
            }

            @Override
            public MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options) {
                return map.map(task, args, options);
            }
        };
    }
}
