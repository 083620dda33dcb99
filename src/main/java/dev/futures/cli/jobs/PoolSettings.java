package dev.futures.cli.jobs;

import dev.futures.process.WorkerLauncher;
import java.time.Duration;

/**
 * The pool a run's jobs go to, as the command line chose it: what {@link JobPool} builds from.
 * {@code retries} gives each job's attempts in all (GNU parallel's --retries); {@code chunksize} is the
 * process pool's jobs per message; {@code timeoutPercent}, GNU parallel's {@code --timeout N%} (a
 * job killed past N% of the median runtime; thread pool; 0 for none); {@code transfer}, the files
 * that go with each job to its process worker and back (GNU parallel's --transfer, --return).
 */
public record PoolSettings(PoolKind kind, int workers, Duration taskTimeout, Integer maxTasksPerChild,
        WorkerLauncher workerLauncher, Retries retries, WorkerStart start, int chunksize, double timeoutPercent,
        FileTransfer transfer) {

    public PoolSettings(PoolKind kind, int workers, Duration taskTimeout, Integer maxTasksPerChild,
            WorkerLauncher workerLauncher, Retries retries, WorkerStart start, int chunksize) {
        this(kind, workers, taskTimeout, maxTasksPerChild, workerLauncher, retries, start, chunksize, 0,
                FileTransfer.NONE);
    }
}
