package dev.futures.cli.jobs;

import dev.futures.ThreadPoolExecutor;
import dev.futures.process.OnWorkerDeath;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.process.WorkerLauncher;
import dev.futures.task.CommandRunner;
import dev.futures.task.TaskRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * How each pool's workers start and what a worker's death does: the same for every verb, so
 * map, run, session and serve build their pools here.
 */
public record WorkerStart(String initializer, List<Object> initargs, OnWorkerDeath onWorkerDeath) {

    /**
     * A thread pool whose threads each run the --initializer task (from {@code tasks}) first, and
     * whose forced cancel kills the processes the task started through {@code commands}.
     */
    public ThreadPoolExecutor.Builder threadPool(int workers, String threadNamePrefix, TaskRegistry tasks,
            CommandRunner commands) {
        ThreadPoolExecutor.Builder builder = ThreadPoolExecutor.builder().maxWorkers(workers).threadNamePrefix(threadNamePrefix)
                .onForcedCancel(commands::killScopeOf);
        if (initializer() != null) {
            Callable<Object> init = tasks.bind(initializer(), initargs());
            builder.initializer(init::call);
        }
        return builder;
    }

    /** A process pool with the --task-timeout, --max-tasks-per-child and --worker-launcher given (null: not given). */
    public ProcessPoolExecutor.Builder processPool(int workers, Duration taskTimeout, Integer maxTasksPerChild,
            WorkerLauncher workerLauncher) {
        ProcessPoolExecutor.Builder builder = ProcessPoolExecutor.builder().maxWorkers(workers).taskTimeout(taskTimeout)
                .onWorkerDeath(onWorkerDeath());
        if (initializer() != null) {
            builder.initializer(initializer(), initargs().toArray());
        }
        if (maxTasksPerChild != null) {
            builder.maxTasksPerChild(maxTasksPerChild);
        }
        if (workerLauncher != null) {
            builder.launcher(workerLauncher);
        }
        return builder;
    }
}
