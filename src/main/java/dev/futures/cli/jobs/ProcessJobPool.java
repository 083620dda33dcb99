package dev.futures.cli.jobs;

import dev.futures.BrokenExecutor;
import dev.futures.Future;
import dev.futures.TaskFailedException;
import dev.futures.process.ProcessFuture;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.process.TaskChunks;
import dev.futures.process.TaskTimeoutError;
import dev.futures.process.WorkerListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs in worker processes: each runs the built-in {@code command} task, which returns the exit
 * code and the output byte-exact (base64) instead of raising for a non-zero exit.
 */
final class ProcessJobPool implements JobPool {
    private final ProcessPoolExecutor pool;
    private final PoolSettings settings;
    /** --task jobs, --chunksize at a time (1: each alone). */
    private final TaskChunks chunks;

    ProcessJobPool(PoolSettings settings, WorkerListener listener) {
        this.settings = settings;
        this.pool = settings.start().processPool(settings.workers(), settings.taskTimeout(),
                settings.maxTasksPerChild(), settings.workerLauncher()).listener(listener).build();
        this.chunks = new TaskChunks(pool, settings.chunksize());
    }

    /**
     * The command line is made at submit, before a worker is chosen, so {@code {%}} is the
     * slot the job would have if jobs finished in order: {@code (seq - 1) mod -j + 1}.
     */
    @Override
    public Future<?> submit(Job job) {
        if (job.isTask()) {
            return chunks.submit(job.task(), job.values());
        }
        int slot = job.slotAmong(settings.workers());
        Map<String, Object> options = new HashMap<>(8);
        options.put("env", job.environment(slot));
        if (job.stdin() != null) {
            options.put("stdin", Base64.getEncoder().encodeToString(job.stdin()));
        }
        if (!settings.transfer().isEmpty()) {
            settings.transfer().addTo(options, job, slot);
        }
        List<String> line = job.commandLine(slot);
        if (line.isEmpty()) {
            dev.futures.Future<Object> skipped = new dev.futures.Future<>(); // skip(): nothing to send
            skipped.setResult(null);
            return skipped;
        }
        Object[] args = new Object[line.size() + 1];
        args[0] = options;
        for (int i = 0; i < line.size(); i++) {
            args[i + 1] = line.get(i);
        }
        return pool.submit("command_with", args);
    }

    @Override
    public JobResult outcome(Job job, Future<?> done) {
        if (job.isTask()) {
            // Not a ProcessFuture when the pool had broken before the submit (JobRunner.submit);
            // a chunked job's own call is behind its mirror.
            Future<?> call = done instanceof TaskChunks.Chunked chunked && chunked.real() != null ? chunked.real() : done;
            long pid = call instanceof ProcessFuture<?> ran ? ran.workerPid() : 0;
            long nanos = call instanceof ProcessFuture<?> ran ? ran.runNanos() : 0;
            byte[] stderr = call instanceof ProcessFuture<?> ran ? ran.stderr() : new byte[0];
            try {
                return JobResult.ofTask(job, done.result(), null, pid, nanos, stderr);
            } catch (BrokenExecutor e) {
                throw e;
            } catch (RuntimeException e) {
                Throwable cause = e instanceof TaskFailedException && e.getCause() != null ? e.getCause() : e;
                return JobResult.ofTask(job, null, cause, pid, nanos, stderr);
            }
        }
        List<String> line = job.commandLine(job.slotAmong(settings.workers()));
        if (line.isEmpty()) {
            return job.skipped(0);
        }
        try {
            Map<?, ?> value = (Map<?, ?>) done.result();
            settings.transfer().receive(value);
            Base64.Decoder base64 = Base64.getDecoder();
            return new JobResult(job, line, number(value, "exit_code").intValue(),
                    base64.decode(String.valueOf(value.get("stdout"))), base64.decode(String.valueOf(value.get("stderr"))),
                    number(value, "worker_pid").longValue(), number(value, "duration_ms").longValue() * 1_000_000L,
                    null, null);
        } catch (TaskTimeoutError e) {
            return JobResult.failed(job, line, Job.TIMED_OUT, "TaskTimeoutError", Job.timedOutMessage(line, settings.taskTimeout()), 0, 0);
        } catch (BrokenExecutor e) {
            throw e;
        } catch (TaskFailedException e) {
            if (e.getCause() instanceof IOException io) {
                return job.cannotRun(line, io.getMessage(), 0, 0);
            }
            return JobResult.failed(job, line, 1, e.getCause().getClass().getSimpleName(), String.valueOf(e.getCause().getMessage()), 0, 0);
        } catch (RuntimeException e) {
            return JobResult.failed(job, line, 1, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), 0, 0);
        }
    }

    private static Number number(Map<?, ?> value, String key) {
        return value.get(key) instanceof Number number ? number : 0;
    }

    @Override
    public void inputEnded() {
        chunks.flush();
    }

    @Override
    public void killRunning() {
        pool.killWorkers();
    }

    @Override
    public void terminateRunning(Duration grace) {
        pool.terminateWorkers(grace);
    }

    @Override
    public void close() {
        chunks.close();
        pool.shutdown(true, true);
    }
}
