package dev.futures.cli.output;

import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobResult;
import dev.futures.cli.jobs.PoolSettings;
import dev.futures.process.WorkerListener;
import java.util.List;

/**
 * Where a run's results go: text blocks ({@link TextPrinter}) or JSON-lines events
 * ({@link JsonlPrinter}). Worker events may arrive from other threads.
 */
public interface ResultPrinter extends WorkerListener {

    void start(String op, PoolSettings pool);

    void result(JobResult result);

    /** The job whose future reported that the pool broke. */
    void broken(Job job, RuntimeException error);

    void timeout(long unfinished, long total, String message);

    /** A submitted job that was cancelled before it started (an interrupt, a deadline). */
    void cancelled(Job job);

    /** A --return-when condition held: which jobs were done and which were not, by id. */
    void summary(List<Long> done, List<Long> notDone);

    /** The run was interrupted by this signal (2 or 15). */
    void interrupted(int signal);

    void end(int exitCode);
}
