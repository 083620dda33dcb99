package dev.futures.cli.options;

import dev.futures.cli.input.Iterators;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.CommandForm;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.output.JobHistory;
import dev.futures.cli.output.JobLog;
import dev.futures.cli.output.JobLogTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --joblog} and what reads it back: {@code --resume}, {@code --resume-failed}, {@code --retry-failed}. */
public class JobLogOptions {

    @Option(names = {"--joblog", "--jl"}, paramLabel = "FILE",
            description = "Write one entry per finished job to FILE, as GNU parallel does (a tab-separated table: Seq "
                    + "Host Starttime JobRuntime Send Receive Exitval Signal Command). FILE is started afresh, "
                    + "or appended to with --resume*, --retry-failed or a leading + (+FILE).")
    String joblog;

    @Option(names = "--joblog-format", paramLabel = "gnu|jsonl", defaultValue = "gnu",
            description = "gnu (default) or jsonl: one JSON object per line (seq, input, command, status, exit_code, "
                    + "duration_ms, worker_pid, finished_at).")
    JobLog.Format format;

    @Option(names = "--resume", description = "With --joblog: skip every job the joblog has an entry for; run the rest.")
    boolean resume;

    @Option(names = "--resume-failed",
            description = "With --joblog: skip the jobs the joblog shows succeeded; run the failed ones again, and the rest.")
    boolean resumeFailed;

    @Option(names = "--retry-failed",
            description = "With --joblog: run again the command lines of the jobs the joblog shows failed, "
                    + "ignoring the command and inputs given (as GNU parallel does).")
    boolean retryFailed;

    /** Where entries go, or null without --joblog. */
    /** @throws UsageError for a --resume* without --joblog, or two of them */
    JobLogTarget target() {
        int modes = (resume ? 1 : 0) + (resumeFailed ? 1 : 0) + (retryFailed ? 1 : 0);
        if (modes > 0 && joblog == null) {
            throw new UsageError(modeName() + " needs --joblog FILE");
        }
        if (modes > 1) {
            throw new UsageError("--resume, --resume-failed and --retry-failed each say which jobs run: give one");
        }
        if (joblog == null) {
            return null;
        }
        boolean plus = joblog.startsWith("+") && joblog.length() > 1;
        return new JobLogTarget(Path.of(plus ? joblog.substring(1) : joblog), format, plus || modes > 0);
    }

    private String modeName() {
        return resume ? "--resume" : resumeFailed ? "--resume-failed" : "--retry-failed";
    }

    /**
     * The jobs that run: the given ones less those the joblog says need not run again, or for
     * {@code --retry-failed} the log's failed command lines as shell lines, with their sequence
     * numbers (their command words are taken as they are: {@code shell} runs each).
     */
    Iterator<Job> select(Iterator<Job> jobs, boolean tasks, String shell) {
        JobLogTarget target = target();
        if (target == null || !(resume || resumeFailed || retryFailed)) {
            return jobs;
        }
        JobHistory history = history(target);
        if (retryFailed && !retryFromLog(target)) {
            return jobs; // no joblog yet: the given jobs run, as GNU parallel's first --retry-failed run does
        }
        if (retryFailed) {
            if (tasks) {
                throw new UsageError("--retry-failed runs the joblog's command lines again: with --task use --resume-failed");
            }
            Job.Argv line = CommandForm.of(List.of(), false, null, shell, Map.of(), 1);
            return history.failed().stream().map(entry -> new Job(entry.seq(), List.of(entry.command()), line)).iterator();
        }
        return Iterators.filtered(jobs, job -> resume ? !history.ran(job) : !history.succeeded(job));
    }

    /** How many jobs run when {@code given} do without a joblog to read (-1: not known). */
    public long jobCount(long given) {
        if (retryFailed) {
            JobLogTarget target = target();
            return target == null || !retryFromLog(target) ? given : history(target).failed().size();
        }
        return resume || resumeFailed ? -1 : given;
    }

    /** Whether --retry-failed takes its jobs from the joblog: only when there is one to read. */
    private static boolean retryFromLog(JobLogTarget target) {
        return target.file() != null && Files.exists(target.file());
    }

    /** The joblog as it was before this run, read once (select and jobCount both ask). */
    private JobHistory history(JobLogTarget target) {
        if (history == null) {
            history = JobHistory.read(target.file());
        }
        return history;
    }

    private JobHistory history;
}
