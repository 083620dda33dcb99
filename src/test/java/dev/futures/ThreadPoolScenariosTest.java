package dev.futures;

import dev.futures.task.TaskRegistry;
import java.util.List;

/** The executor scenarios against {@link ThreadPoolExecutor}: tasks found by name, run in pool threads. */
class ThreadPoolScenariosTest extends ExecutorScenarios {
    private static final TaskRegistry TASKS = TestTasks.registry();

    @Override
    PoolUnderTest pool(int maxWorkers) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(maxWorkers);
        return PoolUnderTest.of(executor,
                (task, args) -> executor.submit(TASKS.bind(task, List.of(args))),
                (task, args, options) -> executor.map(TASKS.require(task)::call, args, options));
    }
}
