package dev.futures.cli;

import dev.futures.cli.options.FuturesConfig;
import dev.futures.cli.options.PoolOptions;
import dev.futures.cli.output.WorkerEvents;
import dev.futures.cli.run.ExitCodes;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.session.SessionHandler;
import dev.futures.session.TaskPool;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code futures session}: an executor as a coprocess. JSON-lines requests on stdin, JSON-lines
 * events on stdout (DESIGN.md's session protocol); requests run in order, like a script.
 */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = {"Drive an executor as a coprocess: one JSON request per line on stdin "
                + "({\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[7]}, cancel, state, result, wait, "
                + "as_completed, map, shutdown, terminate_workers, kill_workers, stats), one JSON event per line on stdout.",
                "End of input shuts the executor down (waiting for submitted work) and ends with an 'end' event."})
public class SessionCommand implements Callable<Integer> {

    @Mixin
    PoolOptions pool;

    @Inject
    FuturesConfig config;

    private final AtomicBoolean stdoutClosed = new AtomicBoolean();

    @Override
    public Integer call() throws IOException {
        pool.validateForTaskPool();
        int workers = pool.resolveWorkers(config);
        NdjsonCodec codec = new NdjsonCodec();
        PrintStream out = System.out;
        SessionHandler[] handler = new SessionHandler[1];
        Runnable onClosed = () -> {
            // The first failed write: nobody reads the answers, so nothing more is worth running.
            if (stdoutClosed.compareAndSet(false, true) && handler[0] != null) {
                handler[0].abandon();
            }
        };
        TaskPool tasks = pool.taskPool(workers, "futures-session",
                new WorkerEvents(event -> emit(codec, out, event, onClosed)));
        SessionHandler session = new SessionHandler(tasks, event -> emit(codec, out, event, onClosed));
        handler[0] = session;
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("event", "start");
        start.put("op", "session");
        start.put("pool", pool.pool.name());
        start.put("workers", workers);
        start.put("pid", ProcessHandle.current().pid());
        emit(codec, out, start, onClosed);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // After a shutdown request the session still answers about its futures, until end of input.
        for (String line; !stdoutClosed.get() && (line = in.readLine()) != null; ) {
            session.handleLine(line);
        }
        if (stdoutClosed.get()) {
            session.abandon();
            return ExitCodes.STDOUT_CLOSED;
        }
        session.close();
        int exitCode = session.exitCode();
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("event", "end");
        end.put("exit_code", exitCode);
        emit(codec, out, end, onClosed);
        return stdoutClosed.get() ? ExitCodes.STDOUT_CLOSED : exitCode;
    }

    private static void emit(NdjsonCodec codec, PrintStream out, Map<String, Object> event, Runnable onClosed) {
        byte[] line = codec.encode(event);
        boolean closed;
        synchronized (out) {
            out.write(line, 0, line.length);
            closed = out.checkError(); // flushes
        }
        if (closed) {
            onClosed.run();
        }
    }
}
