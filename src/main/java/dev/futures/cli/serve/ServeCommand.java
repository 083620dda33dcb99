package dev.futures.cli.serve;

import com.sun.net.httpserver.HttpServer;
import dev.futures.cli.input.DurationConverter;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.SignalPolicy;
import dev.futures.cli.options.FuturesConfig;
import dev.futures.cli.options.PoolOptions;
import dev.futures.cli.run.ExitCodes;
import dev.futures.serve.FinishedExpiry;
import dev.futures.serve.HealthEndpoint;
import dev.futures.serve.HttpApi;
import dev.futures.serve.OnDoneCommand;
import dev.futures.serve.TokenFile;
import dev.futures.session.FutureService;
import dev.futures.session.Journal;
import dev.futures.session.TaskPool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code futures serve}: the sidecar daemon, an executor behind an HTTP/JSON API on loopback. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run an executor behind an HTTP/JSON API (127.0.0.1 by default) that other containers or "
                + "scripts submit work to: futures submit/status/result/cancel/wait/as-completed/shutdown, or curl.",
                "Every endpoint but /healthz and /readyz needs 'Authorization: Bearer TOKEN'; the token is created "
                        + "in STATE_DIR/token (mode 0600) on first start."})
public class ServeCommand implements Callable<Integer> {
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(2);

    @Mixin
    PoolOptions pool;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7700",
            description = "Address to listen on (default 127.0.0.1:7700; port 0 picks a free one).")
    String listen;

    @Option(names = "--health-listen", paramLabel = "HOST:PORT",
            description = "Also serve /healthz and /readyz, and nothing else, here (e.g. 0.0.0.0:7701 for a kubelet's "
                    + "probes while the API stays on loopback).")
    String healthListen;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Token, address and journal (default $FUTURES_STATE_DIR, else ~/.local/state/futures).")
    Path stateDir;

    @Option(names = {"--max-connections", "--http-threads"}, paramLabel = "N", defaultValue = "256",
            description = "Connections open at once, each read and answered on a thread of its own (default 256); "
                    + "past it new ones are refused until one ends. A request must arrive within 10 s; a long poll "
                    + "holds no thread while it waits.")
    int maxConnections;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest request body accepted (default 1 MiB).")
    int maxBody;

    @Option(names = "--fsync",
            description = "Flush every journal record to disk before answering (group commit): acknowledged work "
                    + "survives a power cut too, not only a crash of the daemon (default: off).")
    boolean fsync;

    @Option(names = "--rerun-lost",
            description = "After a crash, run again the work that was running (default: report it as WorkLostError).")
    boolean rerunLost;

    @Option(names = "--keep-finished", paramLabel = "DURATION", defaultValue = "1d",
            description = "How long a finished future's result stays available (default 1d, as Celery's result "
                    + "expiry; 'forever' keeps all). Then its id answers 404 and the journal drops it.")
    String keepFinished;

    @Option(names = "--on-done", paramLabel = "COMMAND",
            description = "Run 'sh -c COMMAND' after each future completes, with FUTURE_ID, FUTURE_STATE, FUTURE_STATUS, "
                    + "FUTURE_TASK, FUTURE_EXIT_CODE, FUTURE_ERROR_TYPE, FUTURE_ERROR_MESSAGE in its environment and "
                    + "the result event as JSON on stdin.")
    String onDone;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Take the bearer token from this file (e.g. a mounted secret) instead of STATE_DIR/token.")
    Path tokenFile;

    @Option(names = "--no-token",
            description = "Serve without a bearer token; refused unless --listen is a loopback address.")
    boolean noToken;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "Also accept requests whose Host header names NAME (a service name or pod IP when "
                    + "--listen is not loopback); repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Inject
    FuturesConfig config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        pool.validateForTaskPool();
        InetSocketAddress address = address("--listen", listen);
        if (maxConnections < 1 || maxBody < 1) {
            throw new UsageError("--max-connections and --max-body must be at least 1");
        }
        InetSocketAddress healthAddress = healthListen == null ? null : address("--health-listen", healthListen);
        Duration keep = keepFinished();
        checkTokenOptions(address);
        Path dir = StateDir.resolve(stateDir);
        // The lock first (nothing of the directory is touched before it), then the sockets, and
        // only then the journal's pending work: a start that fails (port in use) runs nothing.
        try (StateDirLock lock = StateDirLock.acquire(dir)) {
            String token = token(dir);
            List<AutoCloseable> bound = new ArrayList<>();
            try {
                HttpServer apiServer = bind(bound, () -> HttpApi.bind(address, maxConnections), "--listen", listen);
                HttpServer healthServer = healthAddress == null ? null
                        : bind(bound, () -> HealthEndpoint.bind(healthAddress), "--health-listen", healthListen);
                try (Journal journal = openJournal(dir, keep)) {
                    return serve(dir, apiServer, healthServer, token, journal, keep);
                }
            } finally {
                for (AutoCloseable closing : bound) {
                    closeQuietly(closing);
                }
            }
        }
    }

    /** A socket bound, or the one-line refusal when the address is taken or not ours. */
    private static HttpServer bind(List<AutoCloseable> bound, Binding binding, String option, String value) {
        try {
            HttpServer server = binding.bind();
            bound.add(() -> server.stop(0));
            return server;
        } catch (IOException e) {
            throw new UsageError("cannot listen on " + value + " (" + option + "): " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Binding {
        HttpServer bind() throws IOException;
    }

    private static void closeQuietly(AutoCloseable closing) {
        try {
            closing.close();
        } catch (Exception ignored) {
            // Stopping a server that is going anyway.
        }
    }

    private Journal openJournal(Path dir, Duration keep) {
        Path file = dir.resolve(Journal.FILE);
        Journal journal;
        try {
            journal = Journal.open(file, FinishedExpiry.forgetBefore(keep), fsync);
        } catch (IOException e) {
            throw new UsageError("cannot read the journal " + file + ": " + StateDirLock.describe(e));
        }
        if (journal.notCompacted() != null) {
            System.err.println("futures serve: cannot compact the journal " + file + " (" + journal.notCompacted()
                    + "); appending to it as it is");
        }
        if (journal.damage().records() > 0) {
            System.err.println("futures serve: journal " + file + ": skipped " + journal.damage().records()
                    + " damaged record(s), the first at byte " + journal.damage().firstAt()
                    + " (a torn last line after a crash is one; more means the file was damaged)");
        }
        return journal;
    }

    private Integer serve(Path dir, HttpServer apiServer, HttpServer healthServer, String token, Journal journal,
            Duration keep) throws IOException, InterruptedException {
        int workers = pool.resolveWorkers(config);
        OnDoneCommand callbacks = onDone == null ? null : new OnDoneCommand(onDone);
        TaskPool tasks = pool.taskPool(workers, "futures-serve");
        FutureService service = new FutureService(tasks, journal, callbacks);
        FutureService.Recovery recovery = service.recover(rerunLost);
        CountDownLatch stop = new CountDownLatch(1);
        FinishedExpiry forgetting = FinishedExpiry.start(service, journal, keep);
        HttpApi api = HttpApi.start(service, apiServer, token, maxConnections, maxBody, Set.copyOf(allowHosts), stop::countDown);
        HealthEndpoint health = healthServer == null ? null : HealthEndpoint.start(service, healthServer);
        InetSocketAddress address = apiServer.getAddress();
        String url = "http://" + hostForUrl(address.getAddress()) + ":" + api.port();
        writeAddress(dir.resolve("address"), url);
        System.err.println("futures serve: listening on " + url + (token == null ? " without a token"
                : " (token in " + (tokenFile != null ? tokenFile : dir.resolve(TokenFile.NAME)) + ")"));
        if (!journal.recovered().isEmpty()) {
            System.err.println("futures serve: journal " + dir.resolve(Journal.FILE) + ": " + recovery.restored()
                    + " finished kept, " + recovery.rerun() + " run again, " + recovery.lost() + " lost");
        }
        // DESIGN's signals: the first SIGINT lets running work finish, a second kills it; SIGTERM
        // terminates it (TERM, then KILL after a grace) and exits 143. Pending work stays in the
        // journal either way, for the next start.
        try (SignalPolicy signals = new SignalPolicy(new SignalPolicy.Actions() {
            @Override
            public void stopTakingWork() {
                service.stopForRestart(false);
                stop.countDown();
            }

            @Override
            public void killRunning() {
                service.stopForRestart(true);
                tasks.stopWorkers(true);
            }

            @Override
            public void terminateRunning() {
                service.stopForRestart(true);
                tasks.terminateRunning(TERMINATION_GRACE);
            }
        })) {
            stop.await();
            api.close();
            if (health != null) {
                health.close();
            }
            service.shutdown(true, false);
            if (forgetting != null) {
                forgetting.close();
            }
            if (callbacks != null) {
                callbacks.close();
            }
            if (signals.received() == 0) {
                return ExitCodes.OK;
            }
            System.err.println("futures serve: stopped by " + (signals.received() == SignalPolicy.SIGINT ? "SIGINT" : "SIGTERM")
                    + "; work that had not started stays in " + dir.resolve(Journal.FILE) + " for the next start");
            return 128 + signals.received();
        }
    }

    /** null for 'forever'. */
    private Duration keepFinished() {
        if (keepFinished.equalsIgnoreCase("forever")) {
            return null;
        }
        try {
            return DurationConverter.parse(keepFinished);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new UsageError("--keep-finished: " + e.getMessage() + ", or 'forever'");
        }
    }

    /** --no-token is for loopback only, and excludes --token-file: refused before anything is touched. */
    private void checkTokenOptions(InetSocketAddress address) {
        if (!noToken) {
            return;
        }
        if (tokenFile != null) {
            throw new UsageError("--no-token and --token-file exclude each other");
        }
        if (!address.getAddress().isLoopbackAddress()) {
            throw new UsageError("refusing to listen on " + listen + " without a token: --no-token is for loopback "
                    + "addresses only");
        }
    }

    /** The token clients must send, or null with --no-token. */
    private String token(Path dir) {
        if (noToken) {
            return null;
        }
        if (tokenFile == null) {
            try {
                return TokenFile.loadOrCreate(dir);
            } catch (IOException e) {
                throw new UsageError("cannot create the token in " + dir + ": " + StateDirLock.describe(e));
            }
        }
        String token;
        try {
            token = TokenFile.read(tokenFile);
        } catch (IOException e) {
            throw new UsageError("cannot read --token-file " + tokenFile + ": " + StateDirLock.describe(e));
        }
        if (token.isEmpty()) {
            throw new UsageError("--token-file " + tokenFile + " is empty");
        }
        return token;
    }

    /**
     * Where clients find the daemon. Rewritten only when it changed (a full volume must not keep
     * a daemon with a fixed port from starting), through a temporary file, so a client never
     * reads half of it.
     */
    private static void writeAddress(Path file, String url) {
        try {
            if (Files.exists(file) && Files.readString(file).strip().equals(url)) {
                return;
            }
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(fresh, url + "\n");
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("futures serve: cannot write " + file + " (" + StateDirLock.describe(e)
                    + "): clients need --server " + url);
        }
    }

    /** @throws UsageError for an address that is not HOST:PORT with a port from 0 to 65535 */
    static InetSocketAddress address(String option, String listen) {
        int colon = listen.lastIndexOf(':');
        String wanted = option + " wants HOST:PORT (a port from 0 to 65535), got '" + listen + "'";
        if (colon <= 0) {
            throw new UsageError(wanted);
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new UsageError(wanted);
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | IOException e) {
            throw new UsageError(wanted);
        }
    }

    private static String hostForUrl(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
