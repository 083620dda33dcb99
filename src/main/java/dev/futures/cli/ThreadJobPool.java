package dev.futures.cli;

import dev.futures.Future;
import dev.futures.ThreadPoolExecutor;
import dev.futures.task.CommandRunner;
import java.time.Duration;

/** Jobs on a {@link ThreadPoolExecutor}: each pool thread starts its command and collects its output. */
final class ThreadJobPool implements JobPool {
    private final CommandRunner commands = CommandRunner.forThisProcess();
    private final ThreadPoolExecutor pool;
    private final Duration taskTimeout;
    private final JobSlots slots;
    private final dev.futures.task.TaskRegistry tasks = dev.futures.task.TaskRegistry.discover();

    ThreadJobPool(JobRunner.Settings settings) {
        this.pool = ThreadPoolExecutor.builder().maxWorkers(settings.workers()).threadNamePrefix("futures-task").build();
        this.taskTimeout = settings.taskTimeout();
        this.slots = new JobSlots(settings.workers());
    }

    @Override
    public Future<?> submit(Job job) {
        if (job.isTask()) {
            java.util.concurrent.Callable<Object> call = tasks.bind(job.task(), job.values());
            return pool.submit(() -> {
                long start = System.nanoTime();
                long pid = ProcessHandle.current().pid();
                try {
                    return JobResult.ofTask(job, call.call(), null, pid, System.nanoTime() - start);
                } catch (Exception e) {
                    return JobResult.ofTask(job, null, e, pid, System.nanoTime() - start);
                }
            });
        }
        return pool.submit(() -> {
            int slot = slots.take();
            try {
                return job.runWith(commands, slot, taskTimeout);
            } finally {
                slots.release(slot);
            }
        });
    }

    @Override
    public JobResult outcome(Job job, Future<?> done) {
        return (JobResult) done.result();
    }

    @Override
    public void killRunning() {
        commands.stop();
    }

    @Override
    public void terminateRunning(Duration grace) {
        commands.terminate(grace);
    }

    @Override
    public void close() {
        pool.shutdown(true, true);
        commands.close();
    }
}
