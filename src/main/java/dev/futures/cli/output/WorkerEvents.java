package dev.futures.cli.output;

import dev.futures.process.WorkerListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A process pool's worker starts and exits as the session's {@code worker_started}/{@code worker_exited} events, as map prints them. */
public final class WorkerEvents implements WorkerListener {
    private final Consumer<Map<String, Object>> emit;

    public WorkerEvents(Consumer<Map<String, Object>> emit) {
        this.emit = emit;
    }

    @Override
    public void workerStarted(long pid) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "worker_started");
        event.put("pid", pid);
        emit.accept(event);
    }

    @Override
    public void workerExited(long pid, int exitCode, int signal, String reason) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "worker_exited");
        event.put("pid", pid);
        event.put("exit_code", exitCode);
        event.put("signal", signal == 0 ? null : signal);
        if (reason != null) {
            event.put("reason", reason);
        }
        emit.accept(event);
    }
}
