package dev.futures.cli.options;

import dev.futures.cli.docs.TaskNames;
import dev.futures.cli.input.DurationConverter;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.FileTransfer;
import dev.futures.cli.jobs.PoolKind;
import dev.futures.cli.jobs.Retries;
import dev.futures.cli.jobs.WorkerStart;
import dev.futures.process.OnWorkerDeath;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.process.SpreadLauncher;
import dev.futures.process.WorkerLaunchers;
import dev.futures.session.TaskPool;
import dev.futures.task.CommandRunner;
import dev.futures.task.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which pool runs the tasks and how; shared by every verb that runs work. */
public class PoolOptions {

    @Option(names = "--pool", paramLabel = "thread|process", defaultValue = "thread",
            description = "Run tasks on a thread pool (default) or in worker processes of this program.")
    public PoolKind pool;

    @Option(names = {"-j", "--workers", "--jobs", "-P", "--max-procs"}, paramLabel = "N",
            description = "Tasks running at once (default: $FUTURES_WORKERS, else the number of CPUs); as in GNU "
                    + "parallel also 0 (as many as possible: 256), N%% of the CPUs, +N or -N CPUs more or fewer.")
    String workers;

    @Option(names = {"--use-cores-instead-of-threads", "--use-cpus-instead-of-cores"},
            description = "As GNU parallel's: -j's default and its N%%, +N, -N count physical CPU cores, not threads.")
    boolean cores;

    @Option(names = "--use-sockets-instead-of-threads",
            description = "As GNU parallel's: -j's default and its N%%, +N, -N count CPU sockets.")
    boolean sockets;

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Each task's own limit: past it the task is killed with its child processes "
                    + "(--pool process: its worker is killed and replaced) and counts as failed.")
    Duration taskTimeout;

    @Option(names = "--retries", paramLabel = "N",
            description = "Run a failed task at most N times in all, as GNU parallel's --retries: again after "
                    + "0.1 s, 0.2 s, 0.4 s, ... (at most 10 s); 0 and 1 run it once. N may hold replacement strings, "
                    + "expanded per job ({2}: input 2 says how many).")
    String retries;

    /** --retries as {@link #validate()} read it, once. */
    private Retries parsedRetries = Retries.NONE;

    @Option(names = "--max-tasks-per-child", paramLabel = "N",
            description = "--pool process: a worker leaves after N tasks and a new one takes its place.")
    Integer maxTasksPerChild;

    @picocli.CommandLine.Mixin
    SshLoginOptions remote;

    @Option(names = "--worker-launcher", paramLabel = "TEMPLATE",
            description = "--pool process: start workers with this shell command line instead "
                    + "({worker} stands for this program's worker command), e.g. 'ssh host futures worker'.")
    String workerLauncher;

    @Option(names = "--initializer", paramLabel = "TASK", completionCandidates = TaskNames.class,
            description = "Run this task once in each worker (thread or process) before its first task, "
                    + "with the --initarg values; if it fails, the pool breaks (CPython's initializer).")
    String initializer;

    @Option(names = "--initarg", paramLabel = "ARG", description = "An argument of --initializer (repeatable).")
    List<String> initargs = new ArrayList<>();

    @Option(names = "--on-worker-death", paramLabel = "break|replace", defaultValue = "break",
            completionCandidates = PoolOptions.WorkerDeathChoices.class,
            description = "--pool process: a worker that dies breaks the pool (break, CPython's rule) or only "
                    + "fails its task with WorkerDiedError and is replaced (replace).")
    String onWorkerDeath;

    WorkerStart start() {
        return new WorkerStart(initializer, List.copyOf(initargs),
                onWorkerDeath.equals("replace") ? OnWorkerDeath.REPLACE : OnWorkerDeath.BREAK);
    }

    /** The worker count to use: the option, else configuration, else the number of CPUs. */
    /** With -S: every host's slots, each host taking -j (or its own N/) workers. */
    public int resolveWorkers(FuturesConfig config) {
        int perHost = resolvePerHost(config);
        if (!remote.active() || remote.onEveryHost()) {
            return perHost; // --onall/--nonall: a pool per host (MapCommand), -j hosts' worth
        }
        spread = remote.spread(perHost); // the login files are read once, here
        return spread.slots();
    }

    /** -S's hosts, made by resolveWorkers (which every verb calls first); null without -S. */
    private SpreadLauncher spread;

    /**
     * Where process-pool workers start: -S's hosts, Slurm steps, --worker-launcher's template, or
     * null (this program). Call after resolveWorkers.
     */
    dev.futures.process.WorkerLauncher launcher() {
        if (remote.slurm) {
            return WorkerLaunchers.slurmStep();
        }
        if (spread != null) {
            return spread;
        }
        return workerLauncher == null ? null : WorkerLaunchers.template(workerLauncher);
    }

    private int resolvePerHost(FuturesConfig config) {
        String tasks = System.getenv("SLURM_NTASKS");
        if (workers == null && remote.slurm && tasks != null && tasks.matches("\\d+")) {
            return checked(Integer.parseInt(tasks), "SLURM_NTASKS"); // the allocation's task count
        }
        if (workers != null) {
            return WorkerCount.parse(workers, cpus(), "-j/--workers");
        }
        if (config.workers().isPresent()) {
            return checked(config.workers().getAsInt(), "FUTURES_WORKERS");
        }
        return cpus();
    }

    /** What -j's default and its N%, +N, -N count: CPU threads, or cores or sockets as GNU's options ask. */
    private int cpus() {
        return sockets ? CpuCount.sockets() : cores ? CpuCount.cores() : CpuCount.threads();
    }

    /** The files that go with each job to its -S host (none without -S: the thread pool's jobs run here). */
    FileTransfer fileTransfer() {
        return remote.active() ? remote.fileTransfer() : FileTransfer.NONE;
    }

    /** --onall or --nonall. */
    public boolean onEveryHost() {
        return remote.onEveryHost();
    }

    /** --nonall: the command once per host, with no input. */
    public boolean noInput() {
        return remote.nonAll;
    }

    /** -S's hosts for --onall/--nonall, each to run its jobs one at a time; none when -S names none. */
    public List<SpreadLauncher.Host> everyHost() {
        Map<String, SpreadLauncher.Host> byName = new LinkedHashMap<>();
        remote.hosts(1).forEach(host -> byName.putIfAbsent(host.name(), host)); // a host named twice is one, as in GNU
        return List.copyOf(byName.values());
    }

    /** --retries, once {@link #validate()} has read it. */
    Retries retries() {
        return parsedRetries;
    }

    /** @throws UsageError for process-pool options given to the thread pool, or a bad count */
    void validate() {
        if (remote.active() || remote.slurm) {
            if (workerLauncher != null || remote.active() && remote.slurm) {
                throw new UsageError("-S, --slurm and --worker-launcher each say where workers start: give one");
            }
            if (remote.slurm && System.getenv("SLURM_JOB_ID") == null) {
                throw new UsageError("--slurm runs workers as steps of a Slurm allocation: run futures under salloc or "
                        + "sbatch (SLURM_JOB_ID is not set)");
            }
          pool = PoolKind.process; // workers on other hosts are processes
        }
        if (!onWorkerDeath.equals("break") && !onWorkerDeath.equals("replace")) {
            throw new UsageError("--on-worker-death must be break or replace, got '" + onWorkerDeath + "'");
        }
        if (initializer == null && !initargs.isEmpty()) {
            throw new UsageError("--initarg needs --initializer TASK");
        }
        if (initializer != null && TaskRegistry.discover().find(initializer).isEmpty()) {
            throw new UsageError("--initializer: no task is named '" + initializer + "' (see 'futures tasks')");
        }
        if (pool != PoolKind.process) {
            if (onWorkerDeath.equals("replace")) {
                throw new UsageError("--on-worker-death needs --pool process (a thread cannot die alone)");
            }
            if (maxTasksPerChild != null) {
                throw new UsageError("--max-tasks-per-child needs --pool process");
            }
            if (workerLauncher != null) {
                throw new UsageError("--worker-launcher needs --pool process");
            }
        }
        if (maxTasksPerChild != null) {
            UsageError.fromLibrary(() -> ProcessPoolExecutor.builder().maxTasksPerChild(maxTasksPerChild));
        }
        parsedRetries = Retries.parse(retries);
        if (workerLauncher != null && workerLauncher.isBlank()) {
            throw new UsageError("--worker-launcher needs a command");
        }
    }

    /**
     * {@link #validate()} for session and serve, which run tasks by name through
     * {@link #taskPool}: options that would do nothing there are refused rather than ignored.
     */
    public void validateForTaskPool() {
        validate();
        if (parsedRetries.mayRetry()) {
            throw new UsageError("--retries applies to map and run; a client of session or serve submits again instead");
        }
        if (pool != PoolKind.process && taskTimeout != null) {
            throw new UsageError("--task-timeout in session and serve needs --pool process (a submit's own 'timeout' too)");
        }
    }

    /** The pool these options describe, running tasks by name: for session and serve (validated first). */
    public TaskPool taskPool(int workers, String threadNamePrefix) {
        return taskPool(workers, threadNamePrefix, dev.futures.process.WorkerListener.NONE);
    }

    /** The same, telling {@code listener} when a process pool's workers start and exit. */
    public TaskPool taskPool(int workers, String threadNamePrefix, dev.futures.process.WorkerListener listener) {
        if (pool != PoolKind.process) {
            CommandRunner commands = CommandRunner.forThisProcess();
            TaskRegistry tasks = TaskRegistry.discover(commands);
            return TaskPool.of(start().threadPool(workers, threadNamePrefix, tasks, commands).build(), tasks, commands);
        }
        return TaskPool.of(start().processPool(workers, taskTimeout, maxTasksPerChild, launcher()).listener(listener)
                .build());
    }

    private static int checked(int value, String source) {
        if (value < 1) {
            throw new UsageError(source + " must be at least 1, got " + value);
        }
        return value;
    }

    /** --on-worker-death's values, for completion. */
    public static final class WorkerDeathChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("break", "replace").iterator();
        }
    }
}
