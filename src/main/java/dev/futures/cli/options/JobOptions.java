package dev.futures.cli.options;

import dev.futures.MapOptions;
import dev.futures.ReturnWhen;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.PoolKind;
import dev.futures.cli.jobs.PoolSettings;
import dev.futures.cli.output.Progress;
import dev.futures.cli.run.RunSettings;
import dev.futures.cli.run.UnfinishedWork;
import java.time.Duration;
import java.util.Iterator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every verb that runs jobs ({@code map}, {@code run}), and the settings they make. */
public class JobOptions {

    @Mixin
    public PoolOptions pool;

    @Mixin
    public OutputOptions output;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--buffersize", paramLabel = "N",
            description = "Inputs read ahead of the results printed (default: 4 per worker).")
    Integer buffersize;

    @Option(names = "--chunksize", paramLabel = "N",
            description = "--pool process with --task: send inputs to a worker N at a time, each with its own "
                    + "result (Executor.map's chunksize); --buffersize then counts chunks.")
    public Integer chunksize;

    @Mixin
    public InputOptions input;

    @Mixin
    public CompatOptions compat;

    @Option(names = {"--dry-run", "--dryrun"}, description = "Print each command that would run, shell-quoted, and run nothing.")
    public boolean dryRun;

    @Mixin
    public JobLogOptions joblog;

    /** The jobs that run, after what {@code --resume}, {@code --resume-failed} or {@code --retry-failed} leave out. */
    public Iterator<Job> resumable(Iterator<Job> jobs, boolean tasks, String shell) {
        return joblog.select(jobs, tasks, shell);
    }

    /** @throws UsageError for a worker count or buffer size below 1, or options of the other pool */
    public RunSettings settings(FuturesConfig config) {
        pool.validate();
        if (compat.keepOrder && output.order == OutputOptions.Order.completion) {
            throw new UsageError("-k/--keep-order keeps input order: it cannot go with --order completion");
        }
        int workers = pool.resolveWorkers(config);
        if (buffersize != null) {
            UsageError.fromLibrary(() -> MapOptions.defaults().withBuffersize(buffersize));
        }
        if (chunksize != null && chunksize < 1) {
            throw new UsageError("chunksize must be >= 1."); // CPython's text
        }
        if (chunksize != null && pool.pool != PoolKind.process) {
            throw new UsageError("--chunksize needs --pool process (a thread pool has no message to save)");
        }
        int chunk = chunksize == null ? 1 : chunksize;
        // As in CPython, the read-ahead counts chunks.
        long base = buffersize != null ? buffersize : Math.max(1, workers * config.bufferPerWorker());
        int window = (int) Math.min(Integer.MAX_VALUE, base * chunk);
        Duration delay = policy.delay();
        dev.futures.cli.jobs.StartGate gate = policy.startGate();
        if ((delay != null || gate != null) && buffersize == null) {
            // --delay paces submissions; with no read-ahead past the free workers, a submit is a start.
            window = workers;
        }
        // --return-when FIRST_* prints as tasks complete (as wait() returns them); --halt keeps the order.
        boolean inputOrder = output.order == OutputOptions.Order.input
                && policy.returnWhen() == ReturnWhen.ALL_COMPLETED
                && (!compat.lineBuffered() || compat.keepOrder && !compat.ungrouped())
                && (!compat.gnu || compat.keepOrder); // GNU's order is completion unless -k
        UnfinishedWork then = policy.then();
        // Under GNU's rules --timeout limits each job (DURATION, or N% of the median runtime: thread pool).
        Duration jobTimeout = pool.taskTimeout != null ? pool.taskTimeout : policy.jobTimeout(compat.gnu());
        PoolSettings pooled = new PoolSettings(pool.pool, workers, jobTimeout, pool.maxTasksPerChild, pool.launcher(),
                pool.retries(), pool.start(), chunk, policy.jobTimeoutPercent(compat.gnu()), pool.fileTransfer());
        return new RunSettings(pooled, window, inputOrder, output.format == OutputOptions.Format.jsonl, output.look(),
                policy.runDeadline(compat.gnu()), policy.halt(), then, joblog.target(), output.resultFiles(),
                output.progress != null ? output.progress : compat.bar || Progress.stderrIsTerminal(), delay, gate,
                compat.lineBuffered(), compat.ungrouped());
    }
}
