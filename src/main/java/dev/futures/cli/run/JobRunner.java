package dev.futures.cli.run;

import dev.futures.BrokenExecutor;
import dev.futures.StreamingMap;
import dev.futures.TimeoutError;
import dev.futures.cli.input.DurationConverter;
import dev.futures.cli.input.Iterators;
import dev.futures.cli.input.ShellQuote;
import dev.futures.cli.jobs.Halt;
import dev.futures.cli.jobs.HaltWatch;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobPool;
import dev.futures.cli.jobs.JobResult;
import dev.futures.cli.jobs.PoolKind;
import dev.futures.cli.jobs.SignalPolicy;
import dev.futures.cli.jobs.StartPacer;
import dev.futures.cli.output.JobLog;
import dev.futures.cli.output.JsonlPrinter;
import dev.futures.cli.output.LiveLines;
import dev.futures.cli.output.Progress;
import dev.futures.cli.output.ProgressPrinter;
import dev.futures.cli.output.ResultPrinter;
import dev.futures.cli.output.TextPrinter;
import dev.futures.task.CommandRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs jobs with map's semantics ({@link StreamingMap}) on the chosen pool and prints each
 * result as it is due, in input or completion order. Only this thread prints results, so text
 * blocks never interleave. Input is pulled through a bounded window, so endless input runs in
 * constant memory.
 */
public final class JobRunner {

    /** SIGTERM's grace before running tasks are killed: exit well within DESIGN's few seconds. */
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(2);

    private final String op;
    private final String name;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code op} is the verb ({@code "map"}), which also names the run in messages ({@code "futures map: "}). */
    public JobRunner(String op, PrintStream out, PrintStream err) {
        this.op = op;
        this.name = "futures " + op;
        this.out = out;
        this.err = err;
    }

    /** {@code --dry-run}: each job's command line, shell-quoted, one per line; nothing runs. */
    public int dryRun(Iterator<Job> jobs, RunSettings settings) {
        return dryRun(jobs, settings, 0);
    }

    /** The same, each line shell-quoted {@code quotes} times: GNU parallel's --shellquote (once per time given). */
    public int dryRun(Iterator<Job> jobs, RunSettings settings, int quotes) {
        while (jobs.hasNext()) {
            Job job = jobs.next();
            String line = job.display(job.slotAmong(settings.workers()));
            for (int i = 0; i < quotes; i++) {
                line = ShellQuote.quote(line);
            }
            out.println(line);
        }
        out.flush();
        return ExitCodes.OK;
    }

    public int run(Iterator<Job> jobs, RunSettings settings) {
        return run(jobs, settings, -1);
    }

    /** {@code total}: how many jobs there are, if known up front (for the progress line), else -1. */
    public int run(Iterator<Job> jobs, RunSettings settings, long total) {
        if (settings.halt().needsTotal() && total < 0) {
            // --halt fail=N%: a share of all jobs, so all are read first, as GNU parallel does.
            List<Job> all = new ArrayList<>();
            jobs.forEachRemaining(all::add);
            jobs = all.iterator();
            total = all.size();
        }
        JobLog joblog = settings.joblog() == null ? null : settings.joblog().open();
        // --line-buffer: stdout goes out as it comes where it is printed as text (not into files or events);
        // -u: the commands write to our stdout themselves (no tag then, as in GNU parallel).
        boolean text = !settings.jsonl() && settings.resultFiles() == null;
        boolean direct = settings.ungroup() && text && settings.pool().kind() == PoolKind.thread;
        LiveLines live = settings.lineBuffer() && text && !direct
                ? new LiveLines(out, settings.look(), settings.workers(), settings.inputOrder()) : null;
        ResultPrinter plain = settings.jsonl() ? new JsonlPrinter(out)
                : new TextPrinter(out, err, settings.look(), settings.workers(), live);
        ResultPrinter printer = settings.progress() ? new ProgressPrinter(plain, new Progress(err, total)) : plain;
        printer.start(op, settings.pool());
        Function<Job, OutputStream> liveStdout = direct ? job -> {
            out.flush(); // what futures printed goes before what the command writes
            return CommandRunner.INHERIT_STDOUT;
        } : live == null ? null : live::of;
        JobPool pool = JobPool.create(settings.pool(), printer, liveStdout);
        // Ctrl-C or SIGTERM ends the JVM through its shutdown hooks: take the tasks' processes along.
        Thread killTasks = new Thread(pool::killRunning, "futures-kill-tasks");
        Runtime.getRuntime().addShutdownHook(killTasks);
        HaltWatch watch = settings.halt().isNever() ? null : new HaltWatch(settings.halt(), total, pool);
        Runnable stopMemoryGuard = () -> { };
        if (settings.gate() != null) {
            // --memfree, --load: waited for as the input pump takes each job, as --delay's pacing is.
            jobs = Iterators.mapped(jobs, settings.gate()::admitted);
            stopMemoryGuard = settings.gate().guard(pool);
        }
        if (settings.delay() != null) {
            // Paced as the input pump takes each job, outside its lock: a stop is never held up by a delay.
            StartPacer pacer = new StartPacer(settings.delay());
            jobs = Iterators.mapped(jobs, pacer::paced);
        }
        StreamingMap<Job> results = new StreamingMap<>(job -> submit(pool, job, watch), jobs, settings.window(),
                settings.inputOrder(), settings.timeout(), pool::inputEnded);
        if (watch != null) {
            watch.arm(results::unfinishedInputs, () -> {
                if (settings.then() != UnfinishedWork.wait) {
                    results.stopFeeding();
                    pool.stopTakingWork();
                }
                if (settings.then() == UnfinishedWork.kill) {
                    pool.killRunning();
                }
            });
        }
        SignalPolicy signals = new SignalPolicy(new SignalPolicy.Actions() {
            @Override
            public void signalled(int signal) {
                printer.interrupted(signal);
            }

            @Override
            public void stopTakingWork() {
                results.stopFeeding();
                pool.stopTakingWork();
            }

            @Override
            public void killRunning() {
                pool.killRunning();
            }

            @Override
            public void terminateRunning() {
                pool.terminateRunning(TERMINATION_GRACE);
            }
        });
        long finished = 0;
        long failed = 0;
        boolean returned = false;
        boolean abandon = false;
        boolean stdoutClosed = false;
        String problem = null;
        int exitCode = ExitCodes.OK;
        try {
            // In completion order, once the condition holds, the job that met it is printed first,
            // then the summary, then the rest in input order (what --then did to them): held here
            // until the run ends. --then wait lets the rest run on, so they print as they end.
            TreeMap<Long, Object> rest = new TreeMap<>();
            for (StreamingMap.Done<Job> done; (done = results.next()) != null; ) {
                boolean hold = !settings.inputOrder() && watch != null && settings.then() != UnfinishedWork.wait
                        && watch.halted() && !watch.halting(done.input());
                if (done.future().cancelled()) {
                    cancelled(printer, done.input(), hold ? rest : null);
                    continue;
                }
                JobResult result;
                try {
                    HaltWatch.Ended ended = watch == null ? null : watch.resultOf(done.input());
                    if (ended != null && ended.afterHalt() && settings.then() == UnfinishedWork.kill) {
                        continue; // killed by --then kill (--halt now), on either pool: neither a result nor a failure
                    }
                    result = ended != null ? ended.resultOrThrow() : pool.outcome(done.input(), done.future());
                } catch (dev.futures.CancelledError cancelled) {
                    cancelled(printer, done.input(), hold ? rest : null); // a retry that never got to start
                    continue;
                } catch (BrokenExecutor broken) {
                    // Every task the break took gets its result; nothing more is read or submitted.
                    printer.broken(done.input(), broken);
                    if (exitCode != ExitCodes.BROKEN) {
                        exitCode = ExitCodes.BROKEN;
                        problem = "the pool broke: " + broken.getMessage() + (broken.getCause() == null ? ""
                                : " (" + String.valueOf(broken.getCause().getMessage()).lines().findFirst().orElse("") + ")");
                        results.stopReading(); // not stopFeeding: what was submitted is not cancelled, the break ends it
                    }
                    continue;
                }
                if (hold) {
                    rest.put(done.input().seq(), result);
                    continue;
                }
                JobResult printed = print(result, settings, joblog, printer);
                if (printed == null) {
                    // The reader is gone (| head): as GNU parallel and xargs end, no job starts,
                    // running ones are killed with their trees, nothing more is printed.
                    stdoutClosed = true;
                    results.stopFeeding();
                    pool.stopTakingWork();
                    pool.killRunning();
                    abandon = true;
                    break;
                }
                finished++;
                if (!printed.succeeded()) {
                    failed++;
                }
                if (!returned && watch != null && watch.halting(done.input())) {
                    returned = true;
                    abandon = settings.then() == UnfinishedWork.kill;
                    if (settings.halt().spelling() != null) {
                        int slot = done.input().slotAmong(settings.workers());
                        err.println(name + ": " + settings.halt().spelling() + ": job " + done.input().seq() + " "
                                + settings.halt().verb() + " (" + done.input().display(slot) + "); "
                                + (settings.then() == UnfinishedWork.kill ? "running jobs were killed"
                                        : "no new job starts"));
                    }
                    printer.summary(watch.doneAtHalt(), watch.notDoneAtHalt());
                }
            }
            for (Object held : stdoutClosed ? List.of() : rest.values()) {
                if (held instanceof JobResult result) {
                    JobResult printed = print(result, settings, joblog, printer);
                    if (printed == null) {
                        stdoutClosed = true;
                        break;
                    }
                    finished++;
                    if (!printed.succeeded()) {
                        failed++;
                    }
                } else {
                    printer.cancelled((Job) held);
                }
            }
        } catch (TimeoutError deadline) {
            // Cancel what has not started, kill what is running, as DESIGN says.
            long unfinished = results.unfinished();
            results.close();
            pool.stopTakingWork();
            pool.killRunning();
            abandon = true; // a deadline is terminal: in-process work that cannot be killed is left behind
            exitCode = ExitCodes.TIMEOUT;
            problem = "--timeout " + DurationConverter.format(settings.timeout()) + " expired after " + finished
                    + " task" + (finished == 1 ? "" : "s") + " finished; the rest were cancelled or killed";
            long all = finished + unfinished;
            printer.timeout(unfinished, all, unfinished + " (of " + all + ") futures unfinished"); // CPython's text
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.close();
            pool.killRunning();
            exitCode = ExitCodes.FAILED;
        } catch (UncheckedIOException e) {
            exitCode = ExitCodes.FAILED;
            problem = "cannot read input: " + e.getCause().getMessage();
        } finally {
            results.close();
            stopMemoryGuard.run();
            if (abandon) {
                pool.abandon();
            } else {
                pool.close();
            }
            signals.close();
            removeHook(killTasks);
            if (joblog != null) {
                joblog.close();
            }
        }
        boolean haltedOnSuccess = returned && settings.halt().why() == Halt.Why.success;
        if (exitCode == ExitCodes.OK && failed > 0 && !haltedOnSuccess) { // GNU: halting on success exits 0
            exitCode = ExitCodes.FAILED;
            problem = failed + " of " + finished + " task" + (finished == 1 ? "" : "s") + " failed";
        }
        if (stdoutClosed) {
            exitCode = ExitCodes.STDOUT_CLOSED;
            problem = null; // silent, as a program that SIGPIPE ends
        }
        if (signals.received() != 0) {
            // 130 and 143 come before every other code (DESIGN.md's precedence).
            exitCode = 128 + signals.received();
            problem = "interrupted by " + (signals.received() == SignalPolicy.SIGINT ? "SIGINT" : "SIGTERM") + " after "
                    + finished + " task" + (finished == 1 ? "" : "s") + " finished; what had not started was cancelled";
        }
        if (problem != null) {
            err.println(name + ": " + problem);
        }
        printer.end(exitCode);
        return exitCode;
    }

    /** A pool that broke refuses new work at submit: that job's future carries the break, like the others'. */
    private static dev.futures.Future<?> submit(JobPool pool, Job job, HaltWatch watch) {
        dev.futures.Future<?> future;
        try {
            future = pool.submit(job);
        } catch (BrokenExecutor broken) {
            dev.futures.Future<Object> failed = new dev.futures.Future<>();
            failed.setException(broken);
            future = failed;
        }
        if (watch != null) {
            watch.watch(job, future); // every future the printing thread will wait on is watched
        }
        return future;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // The hook is running or has run; nothing to undo.
        }
    }

    /**
     * Records and prints one result (joblog, --results files, the printer): the result as
     * printed (a --results file that cannot be written fails it), or null if stdout turned out
     * to be closed.
     */
    private JobResult print(JobResult result, RunSettings settings, JobLog joblog, ResultPrinter printer) {
        int slot = result.job().slotAmong(settings.workers());
        if (joblog != null) {
            joblog.record(result, result.job().display(slot));
        }
        if (settings.resultFiles() != null) {
            JobResult diverted = settings.resultFiles().divert(result, slot);
            result = settings.jsonl() ? result : diverted; // JSON events still carry the outputs
        }
        printer.result(result);
        return out.checkError() ? null : result;
    }

    /** A cancelled job: printed now, or held in {@code rest} (by sequence number) for later. */
    private static void cancelled(ResultPrinter printer, Job job, Map<Long, Object> rest) {
        if (rest != null) {
            rest.put(job.seq(), job);
        } else {
            printer.cancelled(job);
        }
    }
}
