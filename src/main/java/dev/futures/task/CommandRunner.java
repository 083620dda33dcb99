package dev.futures.task;

import dev.futures.spawn.Spawn;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Starts commands and collects everything they write, and can kill every command it started,
 * with the processes those started. Commands read {@code /dev/null}: the caller's stdin may be
 * the input of a {@code map}, which a task must not consume.
 *
 * <p>Thread-safe: many pool threads run commands through one runner. {@link #run} reads stdout
 * in the calling thread and stderr in a helper thread, so neither pipe can fill up and stall
 * the command.
 */
public final class CommandRunner implements AutoCloseable {
    private static final File DEV_NULL = new File("/dev/null");

    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock launching =
            new ReentrantReadWriteLock();
    /**
     * Never shut down, so a run racing with {@link #stop()} cannot be refused its reader; idle
     * reader threads end by themselves after a few seconds.
     */
    private final ExecutorService stderrReaders = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            5, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "futures-stderr");
                thread.setDaemon(true);
                return thread;
            });
    private volatile boolean stopped;
    /** The scope of the call running on each thread that opened one ({@link #openScope()}). */
    private final Map<Thread, Scope> scopes = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor watchdogs;
    private final boolean ownSessions;

    /** Commands in this process's session and process group. */
    public CommandRunner() {
        this(false);
    }

    /**
     * {@code ownSessions}: start every command in a session (and process group) of its own
     * through util-linux {@code setsid}, so a terminal's Ctrl-C, which goes to the whole
     * foreground process group, reaches this process only and it decides what happens to
     * running commands. On the JVM that costs an exec per command (about 0.5 ms; see
     * {@link Spawn#start(ProcessBuilder, boolean)}), so callers ask for it only when there is a
     * terminal.
     */
    public CommandRunner(boolean ownSessions) {
        this.ownSessions = ownSessions;
    }

    /**
     * A runner as this process should have one: commands get sessions of their own when there
     * is a controlling terminal to send Ctrl-C to the foreground process group (so only this
     * process hears it), or when {@code FUTURES_PROCESS_GROUPS=always}; never with
     * {@code FUTURES_PROCESS_GROUPS=never}. Batch runs (no terminal) pay nothing.
     */
    public static CommandRunner forThisProcess() {
        String mode = System.getenv().getOrDefault("FUTURES_PROCESS_GROUPS", "auto");
        return new CommandRunner(mode.equals("always") || (!mode.equals("never") && hasControllingTerminal()));
    }

    private static boolean hasControllingTerminal() {
        try (FileInputStream tty = new FileInputStream("/dev/tty")) {
            return true;
        } catch (IOException noTerminal) {
            return false;
        }
    }

    /**
     * Runs {@code argv} (no shell, arguments passed as they are) to its end.
     *
     * @throws IOException if the command cannot be started (not found, not executable) or the
     *     runner was stopped
     */
    public CommandOutcome run(List<String> argv) throws IOException, InterruptedException {
        return run(argv, null);
    }

    /**
     * Like {@link #run(List)}; past {@code timeout} (null: none) the command and everything it
     * started are killed and the outcome says {@code timedOut}.
     */
    public CommandOutcome run(List<String> argv, Duration timeout) throws IOException, InterruptedException {
        return run(argv, timeout, null);
    }

    /**
     * Like {@link #run(List, Duration)}, with {@code stdin} (null: {@code /dev/null})
     * written to the command's stdin, which is then closed. It is written while the outputs are
     * read, so a command that writes as it reads never blocks on a full pipe; one that exits
     * without reading it all ({@code head -1}) is no error.
     */
    public CommandOutcome run(List<String> argv, Duration timeout, byte[] stdin)
            throws IOException, InterruptedException {
        return run(argv, timeout, stdin, Map.of());
    }

    /** The same, with {@code environment} added to the command's environment. */
    public CommandOutcome run(List<String> argv, Duration timeout, byte[] stdin,
            Map<String, String> environment) throws IOException, InterruptedException {
        return run(argv, timeout, stdin, environment, null);
    }

    /**
     * For {@code stdoutTo}: the command writes to this process's own stdout (GNU parallel's
     * {@code -u}), with no copy.
     */
    public static final OutputStream INHERIT_STDOUT = OutputStream.nullOutputStream();

    /**
     * The same, with the command's stdout written to {@code stdoutTo} as it comes (GNU parallel's
     * {@code --line-buffer}) instead of collected, or to this process's stdout itself
     * ({@link #INHERIT_STDOUT}): the outcome's stdout is then empty. The stream is written from
     * this thread only and is not closed here.
     */
    public CommandOutcome run(List<String> argv, Duration timeout, byte[] stdin,
            Map<String, String> environment, OutputStream stdoutTo) throws IOException, InterruptedException {
        return run(argv, timeout, stdin == null ? null : in -> in.write(stdin), environment, stdoutTo);
    }

    /**
     * The same with the command's stdin read from {@code stdin} as the command takes it (GNU
     * parallel's --round-robin jobs); the stream is closed when the command's stdin is.
     */
    public CommandOutcome run(List<String> argv, Duration timeout, InputStream stdin,
            Map<String, String> environment, OutputStream stdoutTo) throws IOException, InterruptedException {
        return run(argv, timeout, stdin == null ? null : in -> {
            try (stdin) {
                stdin.transferTo(in);
            }
        }, environment, stdoutTo);
    }

    /** What writes a command's stdin (null: it reads /dev/null). */
    @FunctionalInterface
    private interface StdinFeed {
        void writeTo(OutputStream commandStdin) throws IOException;
    }

    private CommandOutcome run(List<String> argv, Duration timeout, StdinFeed stdin,
            Map<String, String> environment, OutputStream stdoutTo) throws IOException, InterruptedException {
        if (stopped) {
            throw new IOException("stopped before " + argv.get(0) + " could start");
        }
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (stdin == null) {
            builder.redirectInput(DEV_NULL);
        }
        if (stdoutTo == INHERIT_STDOUT) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            stdoutTo = null; // nothing to read: its stdout is ours
        }
        if (!environment.isEmpty()) {
            builder.environment().putAll(environment);
        }
        RunReaper.mark(builder);
        Process process;
        // Shared: launches run side by side. stop() takes it exclusively, so it waits for a
        // launch in flight and then sees its process: a worker that stops and exits at once
        // (its parent is gone) cannot leave a just-started command behind.
        launching.readLock().lock();
        try {
            if (stopped) {
                throw new IOException("stopped before " + argv.get(0) + " could start");
            }
            process = Spawn.start(builder, ownSessions);
            live.add(process);
        } finally {
            launching.readLock().unlock();
        }
        Scope scope = scopes.get(Thread.currentThread());
        if (scope != null) {
            scope.add(process);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timeout == null ? null : watchdogs().schedule(() -> {
            timedOut.set(true);
            destroyTree(process);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            if (stdin != null) {
                stderrReaders.execute(() -> feed(process, stdin));
            }
            Spawn.Outputs outputs = readToEnd(process, stdoutTo);
            int exitCode = process.waitFor();
            if (scope != null) {
                scope.ended(outputs.stderr());
            }
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            return new CommandOutcome(List.copyOf(argv), exitCode, outputs.stdout(), outputs.stderr(),
                    System.nanoTime() - start, timedOut.get());
        } finally {
            live.remove(process);
            if (scope != null) {
                scope.remove(process);
            }
        }
    }

    /**
     * Both outputs to their ends: in this thread alone where the launch allows it (the native
     * executable's), else stdout here and stderr in a helper thread, so neither pipe fills up.
     */
    private Spawn.Outputs readToEnd(Process process, OutputStream stdoutTo) throws IOException, InterruptedException {
        Spawn.Outputs outputs = Spawn.readToEnd(process, stdoutTo);
        if (outputs != null) {
            return outputs;
        }
        Future<byte[]> stderr = stderrReaders.submit(() -> readAll(process.getErrorStream(), process));
        if (stdoutTo == null) {
            byte[] stdout = readAll(process.getInputStream(), process);
            return new Spawn.Outputs(stdout, awaitStderr(stderr));
        }
        copy(process.getInputStream(), process, stdoutTo);
        return new Spawn.Outputs(new byte[0], awaitStderr(stderr));
    }

    private static void feed(Process process, StdinFeed stdin) {
        try (OutputStream in = process.getOutputStream()) {
            stdin.writeTo(in);
        } catch (IOException stoppedReading) {
            // The command closed its stdin or exited first: what it read is what it wanted.
        }
    }

    /**
     * Opens a scope for the call about to run on this thread: every command it starts through
     * this runner until {@link Scope#close()} belongs to the scope, and {@link Scope#kill()}
     * kills those (with their trees) without touching other calls' commands. How a thread
     * pool stops one task that runs processes (its timeout), as a process pool kills its worker.
     */
    public Scope openScope() {
        return openScope(false);
    }

    /**
     * The same; with {@code keepStderr}, the scope also keeps what its commands write to
     * stderr ({@link Scope#stderr()}), so a task whose value is a command's stdout loses none.
     */
    public Scope openScope(boolean keepStderr) {
        Scope scope = new Scope(keepStderr);
        scopes.put(Thread.currentThread(), scope);
        return scope;
    }

    /** Kills the commands of the call running on {@code thread} in a scope (a forced cancel); else nothing. */
    public void killScopeOf(Thread thread) {
        Scope scope = scopes.get(thread);
        if (scope != null) {
            scope.kill();
        }
    }

    /** The commands one call started; see {@link #openScope()}. */
    public final class Scope implements AutoCloseable {
        private final Set<Process> processes = ConcurrentHashMap.newKeySet();
        private volatile boolean killed;

        private final Thread thread = Thread.currentThread();
        /** What the scope's commands wrote to stderr, if it keeps that; else null. */
        private final ByteArrayOutputStream stderr;

        private Scope(boolean keepStderr) {
            this.stderr = keepStderr ? new ByteArrayOutputStream() : null;
        }

        private void ended(byte[] written) {
            if (stderr != null && written.length > 0) {
                synchronized (stderr) {
                    stderr.writeBytes(written);
                }
            }
        }

        /** What this scope's commands wrote to stderr so far, in the order they ended (empty unless kept). */
        public byte[] stderr() {
            if (stderr == null) {
                return new byte[0];
            }
            synchronized (stderr) {
                return stderr.toByteArray();
            }
        }

        private void add(Process process) {
            processes.add(process);
            if (killed) {
                destroyTree(process); // started while kill() ran: it goes too
            }
        }

        private void remove(Process process) {
            processes.remove(process);
        }

        /** Kills this call's running commands with their trees; later ones are killed as they start. */
        public void kill() {
            killed = true;
            for (Process process : processes) {
                destroyTree(process);
            }
        }

        /** Ends the scope on this thread. */
        @Override
        public void close() {
            scopes.remove(thread, this);
        }
    }

    private synchronized ScheduledThreadPoolExecutor watchdogs() {
        if (watchdogs == null) {
            watchdogs = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "futures-task-timeouts");
                thread.setDaemon(true);
                return thread;
            });
            watchdogs.setRemoveOnCancelPolicy(true);
        }
        return watchdogs;
    }

    /** How many commands are running now. */
    public int running() {
        return live.size();
    }

    /** Kills every running command and its descendants, and refuses to start new ones. */
    public void stop() {
        refuseLaunches();
        for (Process process : live) {
            destroyTree(process);
        }
    }

    /**
     * SIGTERM to every running command and its descendants, SIGKILL to whatever is left after
     * {@code grace}; refuses to start new ones. Returns at once.
     */
    public void terminate(Duration grace) {
        refuseLaunches();
        List<ProcessHandle> targets = new ArrayList<>();
        for (Process process : live) {
            targets.add(process.toHandle()); // the process before its children, as in destroyTree
            process.descendants().forEach(targets::add);
        }
        targets.forEach(ProcessHandle::destroy);
        Runnable killSurvivors = () -> targets.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            watchdogs().schedule(killSurvivors, grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            killSurvivors.run(); // the runner is being closed: no grace left to give
        }
    }

    /** From here on nothing starts; returns once no launch is in flight, so {@link #live} holds them all. */
    private void refuseLaunches() {
        launching.writeLock().lock();
        try {
            stopped = true;
        } finally {
            launching.writeLock().unlock();
        }
    }

    /** {@link #stop()}, and the timeout thread goes. */
    @Override
    public void close() {
        stop();
        synchronized (this) {
            if (watchdogs != null) {
                watchdogs.shutdownNow();
            }
        }
    }

    /**
     * SIGKILL to the process and everything it started. The children are listed first (once
     * the process is gone they are reparented and out of reach), then the process is killed
     * before them, so it cannot run its next step, or start more, when a child dies.
     */
    static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Everything the stream gives; for a process this runner killed, what it gave before. */
    private byte[] readAll(InputStream in, Process process) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        copy(in, process, buffer);
        return buffer.toByteArray();
    }

    private void copy(InputStream in, Process process, OutputStream to) throws IOException {
        try (in) {
            in.transferTo(to);
        } catch (IOException e) {
            // Process.destroy closes the pipes, possibly under this reader ("Stream closed"); the
            // JDK also closes a dead process's pipes after draining them.
            if (!stopped && process.isAlive()) {
                throw e;
            }
        }
    }

    private static byte[] awaitStderr(Future<byte[]> stderr) throws IOException, InterruptedException {
        try {
            return stderr.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
