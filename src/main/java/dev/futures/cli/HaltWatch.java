package dev.futures.cli;

import dev.futures.Future;
import java.util.Map;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Counts jobs as they end, in the thread that ends them, and stops the run once its {@link Halt}
 * condition holds. Checking there, not where results are printed, is what makes "no new job
 * starts" true: printing in input order can lag far behind, and a thread-pool thread runs a
 * future's callbacks before it takes its next job. (A process-pool worker is handed its next
 * job as its result arrives, so on that pool one more job per worker may start.)
 */
final class HaltWatch {
    private final Halt halt;
    private final long total;
    private final JobPool pool;
    /**
     * Jobs seen ending by one of the two that look (the ending thread's callback, the printing
     * thread, which may wake first) and not yet by the other: whichever comes first counts the
     * job and leaves its result here, the second takes it.
     */
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
    record Ended(JobResult result, boolean afterHalt, RuntimeException error) {
        JobResult resultOrThrow() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }

    /** {@code total}: how many jobs there are (for a percentage), or -1. */
    HaltWatch(Halt halt, long total, JobPool pool) {
        this.halt = halt;
        this.total = total;
        this.pool = pool;
    }

    /** Watches a submitted job's future. */
    void watch(Job job, Future<?> future) {
        future.addDoneCallback(done -> {
            try {
                see(job, done);
            } catch (RuntimeException brokenOrCancelled) {
                // The printing thread meets it again and reports it.
            }
        });
    }

    /**
     * {@code unfinishedJobs}: the jobs submitted and not yet printed, for the summary's not-done
     * ids; {@code stopAction}: what stops the run. A halt that came before this runs it now.
     */
    void arm(Supplier<List<Job>> unfinishedJobs, Runnable stopAction) {
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
     * For the printing thread: how the finished job ended.
     *
     * @throws RuntimeException what {@link JobPool#outcome} throws (a broken pool, a cancelled retry)
     */
    Ended resultOf(Job job, Future<?> done) {
        return see(job, done);
    }

    private Ended see(Job job, Future<?> done) {
        Runnable action = null;
        Ended seen;
        synchronized (this) {
            seen = ended.remove(job.seq());
            if (seen == null) {
                JobResult result;
                try {
                    result = pool.outcome(job, done);
                } catch (RuntimeException e) {
                    if (haltingSeq < 0) {
                        throw e;
                    }
                    return new Ended(null, true, e); // most likely killed by the halt: a broken pool, a dead worker
                }
                seen = new Ended(result, haltingSeq >= 0, null);
                ended.put(job.seq(), seen);
                if (haltingSeq < 0) {
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
            }
        }
        if (action != null) {
            action.run();
        }
        return seen;
    }

    private List<Long> notDoneNow() {
        java.util.Set<Long> done = new java.util.HashSet<>(counted);
        return unfinished.get().stream().map(Job::seq).filter(seq -> !done.contains(seq)).sorted().toList();
    }

    /** The jobs that had ended when the condition held, by sequence number. */
    synchronized List<Long> doneAtHalt() {
        return List.copyOf(counted);
    }

    /** The jobs submitted and not ended when the condition held. */
    synchronized List<Long> notDoneAtHalt() {
        return notDone;
    }

    /** Whether the condition has held. */
    synchronized boolean halted() {
        return haltingSeq >= 0;
    }

    /** Whether this job is the one whose end met the condition. */
    synchronized boolean halting(Job job) {
        return job.seq() == haltingSeq;
    }
}
