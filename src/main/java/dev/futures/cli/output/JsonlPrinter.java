package dev.futures.cli.output;

import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobResult;
import dev.futures.cli.jobs.PoolSettings;
import dev.futures.cli.jobs.SignalPolicy;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.session.Events;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DESIGN.md's JSON-lines events on stdout, one object per line, flushed per line; {@code end}
 * is always last. A command's value is its stdout.
 */
public final class JsonlPrinter implements ResultPrinter {
    /** The same worker events as the session's. */
    private final WorkerEvents workers = new WorkerEvents(this::emit);
    private final NdjsonCodec codec = new NdjsonCodec();
    private final PrintStream out;

    public JsonlPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String op, PoolSettings pool) {
        Map<String, Object> event = Events.event("start");
        event.put("op", op);
        event.put("pool", pool.kind().name());
        event.put("workers", pool.workers());
        event.put("pid", ProcessHandle.current().pid());
        emit(event);
    }

    @Override
    public void workerStarted(long pid) {
        workers.workerStarted(pid);
    }

    @Override
    public void workerExited(long pid, int exitCode, int signal, String reason) {
        workers.workerExited(pid, exitCode, signal, reason);
    }

    @Override
    public void result(JobResult result) {
        Map<String, Object> event = jobEvent(result.job());
        if (result.succeeded()) {
            event.put("status", "ok");
            event.put("value", result.job().isTask() ? result.value() : text(result.stdout()));
        } else {
            event.put("status", "error");
            event.put("error", error(result.errorType() != null ? result.errorType() : "CommandFailed",
                    result.errorMessage() != null ? result.errorMessage()
                            : "Command " + result.command() + " returned non-zero exit status " + result.exitCode() + "."));
            if (!result.job().isTask()) {
                event.put("value", text(result.stdout())); // a failed command's stdout still tells something
            }
        }
        if (!result.job().isTask()) {
            event.put("exit_code", result.exitCode());
            event.put("stderr", text(result.stderr()));
        } else if ("CommandFailed".equals(result.errorType())) {
            event.put("exit_code", result.exitCode()); // a sh or exec task's command: its status as a field
        } else if (result.succeeded() && result.stderr().length > 0) {
            event.put("stderr", text(result.stderr())); // what the task's commands wrote there
        }
        event.put("worker_pid", result.workerPid() == 0 ? null : result.workerPid());
        event.put("duration_ms", result.durationNanos() / 1_000_000);
        emit(event);
    }

    @Override
    public void broken(Job job, RuntimeException failure) {
        Map<String, Object> event = jobEvent(job);
        event.put("status", "error");
        // CPython's text, then what broke the pool (a worker's death and what it did), as stderr's line says.
        Throwable cause = failure.getCause();
        event.put("error", error(failure.getClass().getSimpleName(), failure.getMessage()
                + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage().lines().findFirst().orElse("") + ")")));
        emit(event);
    }

    @Override
    public void timeout(long unfinished, long total, String message) {
        Map<String, Object> event = Events.event("timeout");
        event.put("unfinished", unfinished);
        event.put("total", total);
        event.put("message", message);
        emit(event);
    }

    @Override
    public void cancelled(Job job) {
        Map<String, Object> event = jobEvent(job);
        event.put("status", "cancelled");
        emit(event);
    }

    @Override
    public void summary(List<Long> done, List<Long> notDone) {
        Map<String, Object> event = Events.event("summary");
        event.put("done", done);
        event.put("not_done", notDone);
        emit(event);
    }

    @Override
    public void interrupted(int signal) {
        Map<String, Object> event = Events.event("interrupted");
        event.put("signal", signal == SignalPolicy.SIGINT ? "SIGINT" : "SIGTERM");
        emit(event);
    }

    @Override
    public void end(int exitCode) {
        Map<String, Object> event = Events.event("end");
        event.put("exit_code", exitCode);
        emit(event);
    }

    private static Map<String, Object> jobEvent(Job job) {
        Map<String, Object> event = Events.event("result");
        event.put("id", job.seq());
        event.put("index", job.seq() - 1);
        event.put("input", job.values().size() == 1 ? job.input() : job.values());
        return event;
    }

    private static Map<String, Object> error(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        return error;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whole lines only, from any thread: worker events come from the pool's reader threads. */
    private synchronized void emit(Map<String, Object> event) {
        byte[] line = codec.encode(event);
        out.write(line, 0, line.length);
        out.flush();
    }
}
