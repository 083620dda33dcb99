package dev.futures.cli;

import dev.futures.ThreadPoolExecutor;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.process.WorkerLaunchers;
import dev.futures.session.TaskPool;
import dev.futures.task.CommandRunner;
import dev.futures.task.TaskRegistry;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which pool runs the tasks and how; shared by every verb that runs work. */
public class PoolOptions {

    /** The two executors. */
    public enum Pool {
        thread, process
    }

    @Option(names = "--pool", paramLabel = "thread|process", defaultValue = "thread",
            description = "Run tasks on a thread pool (default) or in worker processes of this program.")
    Pool pool;

    @Option(names = {"-j", "--workers"}, paramLabel = "N",
            description = "Tasks running at once (default: $FUTURES_WORKERS, else the number of CPUs).")
    Integer workers;

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Each task's own limit: past it the task is killed with its child processes "
                    + "(--pool process: its worker is killed and replaced) and counts as failed.")
    Duration taskTimeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0",
            description = "Run a failed task again, up to N more times, after 0.1 s, 0.2 s, 0.4 s, ... (at most 10 s).")
    int retries;

    @Option(names = "--max-tasks-per-child", paramLabel = "N",
            description = "--pool process: a worker leaves after N tasks and a new one takes its place.")
    Integer maxTasksPerChild;

    @Option(names = "--worker-launcher", paramLabel = "TEMPLATE",
            description = "--pool process: start workers with this shell command line instead "
                    + "({worker} stands for this program's worker command), e.g. 'ssh host futures worker'.")
    String workerLauncher;

    /** The worker count to use: the option, else configuration, else the number of CPUs. */
    int resolveWorkers(FuturesConfig config) {
        if (workers != null) {
            return checked(workers, "-j/--workers");
        }
        if (config.workers().isPresent()) {
            return checked(config.workers().getAsInt(), "FUTURES_WORKERS");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** @throws UsageError for process-pool options given to the thread pool, or a bad count */
    void validate() {
        if (pool != Pool.process) {
            if (maxTasksPerChild != null) {
                throw new UsageError("--max-tasks-per-child needs --pool process");
            }
            if (workerLauncher != null) {
                throw new UsageError("--worker-launcher needs --pool process");
            }
        }
        if (maxTasksPerChild != null) {
            checked(maxTasksPerChild, "--max-tasks-per-child");
        }
        if (retries < 0) {
            throw new UsageError("--retries must be 0 or more, got " + retries);
        }
        if (workerLauncher != null && workerLauncher.isBlank()) {
            throw new UsageError("--worker-launcher needs a command");
        }
    }

    /**
     * {@link #validate()} for session and serve, which run tasks by name through
     * {@link #taskPool}: options that would do nothing there are refused rather than ignored.
     */
    void validateForTaskPool() {
        validate();
        if (retries > 0) {
            throw new UsageError("--retries applies to map and run; a client of session or serve submits again instead");
        }
        if (pool != Pool.process && taskTimeout != null) {
            throw new UsageError("--task-timeout in session and serve needs --pool process (a submit's own 'timeout' too)");
        }
    }

    /** The pool these options describe, running tasks by name: for session and serve (validated first). */
    TaskPool taskPool(int workers, String threadNamePrefix) {
        return taskPool(workers, threadNamePrefix, dev.futures.process.WorkerListener.NONE);
    }

    /** The same, telling {@code listener} when a process pool's workers start and exit. */
    TaskPool taskPool(int workers, String threadNamePrefix, dev.futures.process.WorkerListener listener) {
        if (pool != Pool.process) {
            CommandRunner commands = CommandRunner.forThisProcess();
            return TaskPool.of(ThreadPoolExecutor.builder().maxWorkers(workers).threadNamePrefix(threadNamePrefix).build(),
                    TaskRegistry.discover(commands), commands);
        }
        return TaskPool.of(processPool(workers, taskTimeout, maxTasksPerChild, workerLauncher).listener(listener).build());
    }

    /** A process pool with the --task-timeout, --max-tasks-per-child and --worker-launcher given (null: not given). */
    static ProcessPoolExecutor.Builder processPool(int workers, Duration taskTimeout, Integer maxTasksPerChild,
            String workerLauncher) {
        ProcessPoolExecutor.Builder builder = ProcessPoolExecutor.builder().maxWorkers(workers).taskTimeout(taskTimeout);
        if (maxTasksPerChild != null) {
            builder.maxTasksPerChild(maxTasksPerChild);
        }
        if (workerLauncher != null) {
            builder.launcher(WorkerLaunchers.template(workerLauncher));
        }
        return builder;
    }

    private static int checked(int value, String source) {
        if (value < 1) {
            throw new UsageError(source + " must be at least 1, got " + value);
        }
        return value;
    }
}
