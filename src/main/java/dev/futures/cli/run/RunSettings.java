package dev.futures.cli.run;

import dev.futures.cli.jobs.StartGate;
import dev.futures.cli.jobs.Halt;
import dev.futures.cli.jobs.PoolSettings;
import dev.futures.cli.output.JobLogTarget;
import dev.futures.cli.output.ResultFiles;
import dev.futures.cli.output.TextLook;
import java.time.Duration;

/**
 * How {@link JobRunner} runs, from the command line: the pool, the read-ahead {@code window},
 * the order and look of the output, the deadline, when to halt and what then happens to
 * unfinished work, the joblog and result files, the progress line, the start pacing, and the
 * gate a start waits at ({@code --memfree}, {@code --load}; null for none), and whether
 * commands' stdout goes out line by line as it comes ({@code --line-buffer}), or straight from
 * the commands ({@code -u}).
 */
public record RunSettings(PoolSettings pool, int window, boolean inputOrder, boolean jsonl, TextLook look,
        Duration timeout, Halt halt, UnfinishedWork then, JobLogTarget joblog, ResultFiles resultFiles,
        boolean progress, Duration delay, StartGate gate, boolean lineBuffer, boolean ungroup) {

    /** The same with another look: --tagstring's replacement strings follow the command's rules. */
    public RunSettings withLook(TextLook other) {
        return new RunSettings(pool, window, inputOrder, jsonl, other, timeout, halt, then, joblog, resultFiles, progress,
                delay, gate, lineBuffer, ungroup);
    }

    /** The same on another pool: GNU's --onall runs the jobs once per host. */
    public RunSettings withPool(PoolSettings other) {
        return new RunSettings(other, window, inputOrder, jsonl, look, timeout, halt, then, joblog, resultFiles, progress,
                delay, gate, lineBuffer, ungroup);
    }

    public int workers() {
        return pool.workers();
    }
}
