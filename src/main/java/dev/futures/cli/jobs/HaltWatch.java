package dev.futures.cli.jobs;

import dev.futures.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts jobs as they end, in the thread that ends them, and stops the run once its {@link Halt}
 * condition holds. Checking there, not where results are printed, is what makes "no new job
 * starts" true: printing in input order can lag far behind, and a thread-pool thread runs a
 * future's callbacks before it takes its next job. (A process-pool worker is handed its next
 * job as its result arrives, so on that pool one more job per worker may start.)
 */
public final class HaltWatch {
    private final Halt halt;
    private final long total;
    private final JobPool pool;
    /** Jobs counted by the thread that ended them and not yet taken by the printing thread. */
    private final Map<Long, Ended> ended = new HashMap<>();
    private long failed;
    private long succeeded;
    private long haltingSeq = -1;
    /** The jobs counted until the halt: the summary's done ids (bounded by the halt, not by the input). */
    private final List<Long> counted = new ArrayList<>();
    private List<Long> notDone = List.of();
    private Supplier<List<Job>> unfinished = List::of;
    private Runnable stop;
    private boolean stopDue;

    /**
     * A job's result (or, past the halt, what making it threw), and whether it ended only after
     * the condition held: --then kill discards those, it killed them.
     */
    public record Ended(JobResult result, boolean afterHalt, RuntimeException error) {
        public JobResult resultOrThrow() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }

    /** {@code total}: how many jobs there are (for a percentage), or -1. */
    public HaltWatch(Halt halt, long total, JobPool pool) {
        this.halt = halt;
        this.total = total;
        this.pool = pool;
    }

    /** Watches a submitted job's future: it is counted in the thread that completes it. */
    public void watch(Job job, Future<?> future) {
        future.addDoneCallback(done -> {
            if (!done.cancelled()) {
                settle(job, done);
            }
        });
    }

    /** What stops the run; a halt that came before it was armed runs it now. */
    public void arm(Supplier<List<Job>> unfinishedJobs, Runnable stopAction) {
        boolean now;
        synchronized (this) {
            unfinished = unfinishedJobs;
            stop = stopAction;
            now = stopDue;
            if (now) {
                notDone = notDoneNow();
            }
        }
        if (now) {
            stopAction.run();
        }
    }

    /**
     * Counts a job that ended, and stops the run if that met the condition, before returning to
     * the thread that ended it (which then takes its next job, if any is left to take).
     */
    private void settle(Job job, Future<?> done) {
        JobResult result = null;
        RuntimeException error = null;
        try {
            result = pool.outcome(job, done);
        } catch (RuntimeException e) {
            error = e; // a broken pool, a cancelled retry: the printing thread reports it
        }
        Runnable action = null;
        Ended seen;
        synchronized (this) {
            boolean afterHalt = haltingSeq >= 0;
            if (result != null && !afterHalt) {
                if (result.succeeded()) {
                    succeeded++;
                } else {
                    failed++;
                }
                counted.add(job.seq());
                if (halt.reached(result.succeeded(), failed, succeeded, total)) {
                    haltingSeq = job.seq();
                    stopDue = stop == null;
                    action = stop;
                    // Before the stop cancels anything: wait()'s split at this moment.
                    notDone = notDoneNow();
                }
            }
            seen = new Ended(result, afterHalt, error);
        }
        try {
            if (action != null) {
                action.run();
            }
        } finally {
            synchronized (this) {
                ended.put(job.seq(), seen);
                notifyAll();
            }
        }
    }

    /**
     * For the printing thread: how the finished job ended, once the thread that ended it has
     * counted it (and stopped the run, if it did).
     */
    public synchronized Ended resultOf(Job job) throws InterruptedException {
        while (!ended.containsKey(job.seq())) {
            wait();
        }
        return ended.remove(job.seq());
    }

    private List<Long> notDoneNow() {
        Set<Long> done = new HashSet<>(counted);
        return unfinished.get().stream().map(Job::seq).filter(seq -> !done.contains(seq)).sorted().toList();
    }

    /** The jobs that had ended when the condition held, by sequence number. */
    public synchronized List<Long> doneAtHalt() {
        return List.copyOf(counted);
    }

    /** The jobs submitted and not ended when the condition held. */
    public synchronized List<Long> notDoneAtHalt() {
        return notDone;
    }

    /** Whether the condition has held (the job that met it may not be printed yet). */
    public synchronized boolean halted() {
        return haltingSeq >= 0;
    }

    /** Whether this job is the one whose end met the condition. */
    public synchronized boolean halting(Job job) {
        return job.seq() == haltingSeq;
    }
}
