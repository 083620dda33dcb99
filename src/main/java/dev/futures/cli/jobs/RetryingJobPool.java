package dev.futures.cli.jobs;

import dev.futures.CancelledError;
import dev.futures.Future;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code --retries N}: a failed job runs again, up to N attempts in all, after 0.1 s, 0.2 s, 0.4 s, …
 * (at most 10 s). The job's future is RUNNING from its first attempt to its last, so the printed
 * result is the last attempt's; attempts that have not started are cancelled when the run
 * stops taking work (Ctrl-C, a deadline), and no new attempt starts after that.
 */
final class RetryingJobPool implements JobPool {
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final JobPool inner;
    private final Retries retries;
    private final int workers;
    private final Set<Future<?>> attempts = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor delays = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "futures-retries");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopped;

    RetryingJobPool(JobPool inner, Retries retries, int workers) {
        this.inner = inner;
        this.retries = retries;
        this.workers = workers;
    }

    @Override
    public Future<?> submit(Job job) {
        Future<JobResult> outcome = new Future<>();
        outcome.setRunningOrNotifyCancel();
        attempt(job, outcome, 1);
        return outcome;
    }

    private void attempt(Job job, Future<JobResult> outcome, int number) {
        if (stopped) {
            outcome.trySetException(new CancelledError());
            return;
        }
        Future<?> attempt;
        try {
            attempt = inner.submit(job);
        } catch (RuntimeException e) {
            outcome.trySetException(e);
            return;
        }
        attempts.add(attempt);
        attempt.addDoneCallback(done -> {
            attempts.remove(done);
            if (done.cancelled()) {
                outcome.trySetException(new CancelledError());
                return;
            }
            JobResult result;
            try {
                result = inner.outcome(job, done);
            } catch (RuntimeException e) {
                outcome.trySetException(e); // a broken pool: no retry can help
                return;
            }
            if (result.succeeded() || number >= retries.attempts(job, workers) || stopped) {
                outcome.trySetResult(result);
            } else {
                delays.schedule(() -> attempt(job, outcome, number + 1), delay(number).toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    private static Duration delay(int failedAttempts) {
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(20, failedAttempts - 1));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** @throws CancelledError if the job's attempts were cancelled before one ran to its end */
    @Override
    public JobResult outcome(Job job, Future<?> done) {
        return (JobResult) done.result();
    }

    @Override
    public void stopTakingWork() {
        stopped = true;
        for (Future<?> attempt : attempts) {
            attempt.cancel();
        }
    }

    @Override
    public boolean killYoungest() {
        return inner.killYoungest();
    }

    @Override
    public void killRunning() {
        stopTakingWork();
        inner.killRunning();
    }

    @Override
    public void terminateRunning(Duration grace) {
        stopTakingWork();
        inner.terminateRunning(grace);
    }

    @Override
    public void inputEnded() {
        inner.inputEnded();
    }

    @Override
    public void abandon() {
        inner.abandon();
        delays.shutdownNow();
    }

    @Override
    public void close() {
        inner.close();
        delays.shutdownNow();
    }
}
