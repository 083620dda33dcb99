package dev.futures;

import dev.futures.process.ProcessPoolExecutor;
import java.util.List;

/** The executor scenarios against {@link ProcessPoolExecutor}: the same cases, tasks run in worker processes. */
class ProcessPoolScenariosTest extends ExecutorScenarios {

    @Override
    PoolUnderTest pool(int maxWorkers) {
        ProcessPoolExecutor executor = ProcessPoolExecutor.builder().maxWorkers(maxWorkers).build();
        return new PoolUnderTest() {
            @Override
            public Executor executor() {
                return executor;
            }

            @Override
            public Future<Object> submit(String task, Object... args) {
                return executor.submit(task, args);
            }

            @Override
            public MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options) {
                return executor.map(task, args, options);
            }
        };
    }
}
