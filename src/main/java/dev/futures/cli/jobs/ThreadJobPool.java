package dev.futures.cli.jobs;

import dev.futures.Future;
import dev.futures.ThreadPoolExecutor;
import dev.futures.process.TaskTimeoutError;
import dev.futures.task.CommandRunner;
import dev.futures.task.TaskRegistry;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** Jobs on a {@link ThreadPoolExecutor}: each pool thread starts its command and collects its output. */
final class ThreadJobPool implements JobPool {
    private final CommandRunner commands = CommandRunner.forThisProcess();
    private final ThreadPoolExecutor pool;
    private final Duration taskTimeout;
    private final JobSlots slots;
    /** Tasks start their commands through this pool's runner, so stopping the pool stops them too. */
    private final TaskRegistry tasks = TaskRegistry.discover(commands);
    private ScheduledExecutorService timers;

    private final Function<Job, OutputStream> liveStdout;
    /** The running commands' jobs by sequence number: the last is the youngest. */
    private final ConcurrentSkipListMap<Long, Running> running = new ConcurrentSkipListMap<>();
    /** --timeout N%, or null. */
    private final MedianTimeout medianTimeout;
    private final Runnable stopTimeoutWatch;

    /** A running command job: its scope (to kill it) and when it started. */
    private record Running(CommandRunner.Scope scope, long start) {
    }

    ThreadJobPool(PoolSettings settings, Function<Job, OutputStream> liveStdout) {
        this.liveStdout = liveStdout;
        this.pool = settings.start().threadPool(settings.workers(), "futures-task", tasks, commands).build();
        this.taskTimeout = settings.taskTimeout();
        this.slots = new JobSlots(settings.workers());
        this.medianTimeout = settings.timeoutPercent() > 0 ? new MedianTimeout(settings.timeoutPercent()) : null;
        this.stopTimeoutWatch = medianTimeout == null ? () -> { } : medianTimeout.watch(past ->
                running.values().forEach(job -> {
                    if (past.test(job.start())) {
                        job.scope().kill();
                    }
                }));
    }

    @Override
    public Future<?> submit(Job job) {
        if (job.isTask()) {
            Callable<Object> call = dev.futures.session.TaskPool.plainResult(job.task(), tasks.bind(job.task(), job.values()));
            return pool.submit(() -> callTask(job, call));
        }
        return pool.submit(() -> {
            int slot = slots.take();
            // A scope per job, so --memfree can kill the youngest job alone, and --timeout N% the slow ones.
            long start = System.nanoTime();
            try (CommandRunner.Scope scope = commands.openScope()) {
                running.put(job.seq(), new Running(scope, start));
                if (liveStdout == null) {
                    return job.runWith(commands, slot, taskTimeout, null);
                }
                try (OutputStream stdout = liveStdout.apply(job)) {
                    return job.runWith(commands, slot, taskTimeout, stdout);
                }
            } finally {
                running.remove(job.seq());
                if (medianTimeout != null) {
                    medianTimeout.finished(System.nanoTime() - start);
                }
                slots.release(slot);
            }
        });
    }

    /** Runs a task in a scope of its own, so its --task-timeout can kill what it started. */
    private JobResult callTask(Job job, Callable<Object> call) {
        long start = System.nanoTime();
        long pid = ProcessHandle.current().pid();
        try (CommandRunner.Scope scope = commands.openScope(true)) {
            TaskDeadline deadline = taskTimeout == null ? null : TaskDeadline.arm(timers(), taskTimeout, scope);
            Object value = null;
            Exception error = null;
            try {
                value = call.call();
            } catch (Exception e) {
                error = e;
            }
            if (deadline != null && !deadline.disarm()) {
                error = new TaskTimeoutError("task '" + job.task() + "' timed out after " + taskTimeout.toMillis()
                        + " ms; its commands were killed");
                value = null;
            }
            return JobResult.ofTask(job, value, error, pid, System.nanoTime() - start, scope.stderr());
        }
    }

    private synchronized ScheduledExecutorService timers() {
        if (timers == null) {
            timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "futures-task-deadlines");
                thread.setDaemon(true);
                return thread;
            });
        }
        return timers;
    }

    @Override
    public JobResult outcome(Job job, Future<?> done) {
        return (JobResult) done.result();
    }

    @Override
    public boolean killYoungest() {
        Map.Entry<Long, Running> youngest = running.lastEntry();
        if (youngest == null) {
            return false;
        }
        youngest.getValue().scope().kill();
        return true;
    }

    @Override
    public void killRunning() {
        commands.stop();
    }

    @Override
    public void terminateRunning(Duration grace) {
        commands.terminate(grace);
    }

    /** The pool's threads are daemons: an abandoned in-process task cannot hold the exit. */
    @Override
    public void abandon() {
        pool.shutdown(false, true);
        closeRunnerAndTimers();
    }

    @Override
    public void close() {
        pool.shutdown(true, true);
        closeRunnerAndTimers();
    }

    private void closeRunnerAndTimers() {
        stopTimeoutWatch.run();
        commands.close();
        synchronized (this) {
            if (timers != null) {
                timers.shutdownNow();
            }
        }
    }
}
