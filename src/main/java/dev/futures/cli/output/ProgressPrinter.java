package dev.futures.cli.output;

import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobResult;
import dev.futures.cli.jobs.PoolSettings;
import java.util.List;

/** Wraps a printer so every block is written on a clean line and counted by {@link Progress}. */
public final class ProgressPrinter implements ResultPrinter {
    private final ResultPrinter inner;
    private final Progress progress;

    public ProgressPrinter(ResultPrinter inner, Progress progress) {
        this.inner = inner;
        this.progress = progress;
    }

    /** Writes with the progress line erased and the ticker held off. */
    private void clean(Runnable write) {
        synchronized (progress.lock()) {
            progress.clear();
            write.run();
        }
    }

    @Override
    public void start(String op, PoolSettings pool) {
        clean(() -> inner.start(op, pool));
    }

    @Override
    public void result(JobResult result) {
        progress.finished(result.succeeded());
        clean(() -> inner.result(result));
    }

    @Override
    public void broken(Job job, RuntimeException error) {
        clean(() -> inner.broken(job, error));
    }

    @Override
    public void timeout(long unfinished, long total, String message) {
        clean(() -> inner.timeout(unfinished, total, message));
    }

    @Override
    public void cancelled(Job job) {
        clean(() -> inner.cancelled(job));
    }

    @Override
    public void summary(List<Long> done, List<Long> notDone) {
        clean(() -> inner.summary(done, notDone));
    }

    @Override
    public void interrupted(int signal) {
        clean(() -> inner.interrupted(signal));
    }

    @Override
    public void workerStarted(long pid) {
        clean(() -> inner.workerStarted(pid));
    }

    @Override
    public void workerExited(long pid, int exitCode, int signal, String reason) {
        clean(() -> inner.workerExited(pid, exitCode, signal, reason));
    }

    @Override
    public void end(int exitCode) {
        progress.close();
        inner.end(exitCode);
    }
}
