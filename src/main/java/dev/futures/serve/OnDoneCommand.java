package dev.futures.serve;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.session.FutureService;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's {@code --on-done COMMAND}: after each future completes, runs {@code /bin/sh -c
 * COMMAND} with the future's facts in environment variables ({@code FUTURE_ID},
 * {@code FUTURE_STATE}, {@code FUTURE_STATUS}, {@code FUTURE_TASK}, {@code FUTURE_EXIT_CODE},
 * {@code FUTURE_ERROR_TYPE}, {@code FUTURE_ERROR_MESSAGE}) and the whole result event as one
 * JSON line on stdin. Nothing of the future is spliced into the command text, so no value can
 * inject shell syntax. Commands run one at a time, in completion order, off the pool's threads;
 * their output goes to the daemon's own stdout and stderr.
 */
public final class OnDoneCommand implements FutureService.DoneHook, AutoCloseable {
    private final String command;
    private final NdjsonCodec codec = new NdjsonCodec();
    /** The command running now, killed if it outlives {@link #close(long)}: no process outlives the daemon. */
    private volatile Process current;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "futures-on-done");
        thread.setDaemon(true);
        return thread;
    });

    static final int MESSAGE_LIMIT = 4096;

    public OnDoneCommand(String command) {
        this.command = command;
    }

    @Override
    public void run(Map<String, Object> outcome, Runnable told) {
        runner.execute(() -> {
            if (runCommand(outcome)) {
                told.run();
            }
        });
    }

    /** Whether the command ran (whatever its exit code): a hook that could not start is not told. */
    private boolean runCommand(Map<String, Object> outcome) {
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
            if (error.get("message") != null) {
                env.put("FUTURE_ERROR_MESSAGE", envValue(clip(String.valueOf(error.get("message")))));
            }
        }
        try {
            dev.futures.task.RunReaper.mark(builder);
            Process process = dev.futures.spawn.Spawn.start(builder);
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
            return true;
        } catch (IOException e) {
            System.err.println("futures serve: --on-done for " + outcome.get("id") + " did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Linux refuses to exec a program with an environment string over 128 KiB (E2BIG), so a long
     * error message would keep the hook from running at all: the variable holds its first
     * {@value #MESSAGE_LIMIT} characters, the whole message is in the event on stdin.
     */
    static String clip(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "...";
    }

    /** An environment string cannot hold a NUL (the JDK would refuse to start the hook): spelled out. */
    private static String envValue(Object value) {
        return String.valueOf(value).replace("\0", "\\0");
    }

    private static void putIfPresent(Map<String, String> env, String name, Object value) {
        if (value != null) {
            env.put(name, envValue(value));
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
