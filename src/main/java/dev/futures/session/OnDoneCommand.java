package dev.futures.session;

import dev.futures.protocol.NdjsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The daemon's {@code --on-done COMMAND}: after each future completes, runs {@code /bin/sh -c
 * COMMAND} with the future's facts in environment variables ({@code FUTURE_ID},
 * {@code FUTURE_STATE}, {@code FUTURE_STATUS}, {@code FUTURE_TASK}, {@code FUTURE_EXIT_CODE},
 * {@code FUTURE_ERROR_TYPE}, {@code FUTURE_ERROR_MESSAGE}) and the whole result event as one
 * JSON line on stdin. Nothing of the future is spliced into the command text, so no value can
 * inject shell syntax. Commands run one at a time, in completion order, off the pool's threads;
 * their output goes to the daemon's own stdout and stderr.
 */
public final class OnDoneCommand implements Consumer<Map<String, Object>>, AutoCloseable {
    private final String command;
    private final NdjsonCodec codec = new NdjsonCodec();
    /** The command running now, killed if it outlives {@link #close(long)}: no process outlives the daemon. */
    private volatile Process current;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "futures-on-done");
        thread.setDaemon(true);
        return thread;
    });

    public OnDoneCommand(String command) {
        this.command = command;
    }

    @Override
    public void accept(Map<String, Object> outcome) {
        runner.execute(() -> run(outcome));
    }

    private void run(Map<String, Object> outcome) {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("FUTURE_ID", String.valueOf(outcome.get("id")));
        Object status = outcome.get("status");
        env.put("FUTURE_STATUS", String.valueOf(status));
        env.put("FUTURE_STATE", "cancelled".equals(status) ? "cancelled" : "finished");
        putIfPresent(env, "FUTURE_TASK", outcome.get("task"));
        putIfPresent(env, "FUTURE_EXIT_CODE", outcome.get("exit_code"));
        if (outcome.get("error") instanceof Map<?, ?> error) {
            putIfPresent(env, "FUTURE_ERROR_TYPE", error.get("type"));
            putIfPresent(env, "FUTURE_ERROR_MESSAGE", error.get("message"));
        }
        try {
            Process process = builder.start();
            current = process;
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(codec.encode(outcome));
            } catch (IOException closedEarly) {
                // The command does not read its stdin: that is its choice.
            }
            int code = process.waitFor();
            if (code != 0) {
                System.err.println("futures serve: --on-done for " + outcome.get("id") + " exited " + code);
            }
        } catch (IOException e) {
            System.err.println("futures serve: --on-done for " + outcome.get("id") + " did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void putIfPresent(Map<String, String> env, String name, Object value) {
        if (value != null) {
            env.put(name, String.valueOf(value));
        }
    }

    /** Lets queued commands run, for at most {@code seconds}; the rest are dropped. */
    public void close(long seconds) throws InterruptedException {
        runner.shutdown();
        if (!runner.awaitTermination(seconds, TimeUnit.SECONDS)) {
            runner.shutdownNow();
            Process process = current;
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(10);
    }
}
