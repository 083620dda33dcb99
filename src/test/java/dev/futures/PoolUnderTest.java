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
}
