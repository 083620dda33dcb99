package dev.futures.cli;

import java.time.Duration;

/**
 * How {@link JobRunner} runs, from the command line: the pool, the read-ahead {@code window},
 * the order and look of the output, the deadline, when to halt and what then happens to
 * unfinished work, the joblog and result files, the progress line and the start pacing.
 */
public record RunSettings(PoolSettings pool, int window, boolean inputOrder, boolean jsonl, TextLook look,
        Duration timeout, Halt halt, UnfinishedWork then, JobLogTarget joblog, ResultFiles resultFiles,
        boolean progress, Duration delay) {

    public int workers() {
        return pool.workers();
    }
}
