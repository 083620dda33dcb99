package dev.futures;

import dev.futures.task.TaskRegistry;
import java.util.List;

/** The executor scenarios against {@link ThreadPoolExecutor}. */
class ThreadPoolScenariosTest extends ExecutorScenarios {
    private static final TaskRegistry TASKS = TestTasks.registry();

    @Override
    PoolUnderTest pool(int maxWorkers) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(maxWorkers);
        return new PoolUnderTest() {
            @Override
            public Executor executor() {
                return executor;
            }

            @Override
            public Future<Object> submit(String task, Object... args) {
                return executor.submit(TASKS.bind(task, List.of(args)));
            }

            @Override
            public MapIterator<Object> map(String task, Iterable<List<Object>> args, MapOptions options) {
                var resolved = TASKS.require(task);
                return executor.map(resolved::call, args, options);
            }

        };
    }
}
