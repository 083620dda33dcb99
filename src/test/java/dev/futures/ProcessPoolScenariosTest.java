package dev.futures;

import dev.futures.process.ProcessPoolExecutor;

/** The executor scenarios against {@link ProcessPoolExecutor}: the same cases, tasks run in worker processes. */
class ProcessPoolScenariosTest extends ExecutorScenarios {

    @Override
    PoolUnderTest pool(int maxWorkers) {
        ProcessPoolExecutor executor = ProcessPoolExecutor.builder().maxWorkers(maxWorkers).build();
        return PoolUnderTest.of(executor, executor::submit, executor::map);
    }
}
