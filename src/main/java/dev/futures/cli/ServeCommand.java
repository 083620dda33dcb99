package dev.futures.cli;

import dev.futures.session.FutureService;
import dev.futures.session.HttpApi;
import dev.futures.session.TaskPool;
import dev.futures.session.TokenFile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code futures serve}: the sidecar daemon, an executor behind an HTTP/JSON API on loopback. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run an executor behind an HTTP/JSON API (127.0.0.1 by default) that other containers or "
                + "scripts submit work to: futures submit/status/result/cancel/shutdown, or curl.",
                "Every endpoint but /healthz and /readyz needs 'Authorization: Bearer TOKEN'; the token is created "
                        + "in STATE_DIR/token (mode 0600) on first start."})
public class ServeCommand implements Callable<Integer> {

    @Mixin
    PoolOptions pool;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7700",
            description = "Address to listen on (default 127.0.0.1:7700; port 0 picks a free one).")
    String listen;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Token and address file (default $FUTURES_STATE_DIR, else ~/.local/state/futures).")
    Path stateDir;

    @Option(names = "--http-threads", paramLabel = "N", defaultValue = "64",
            description = "Requests served at once; a long poll holds one (default 64).")
    int httpThreads;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest request body accepted (default 1 MiB).")
    int maxBody;

    @Inject
    FuturesConfig config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        pool.validate();
        InetSocketAddress address = address(listen);
        if (httpThreads < 1 || maxBody < 1) {
            throw new UsageError("--http-threads and --max-body must be at least 1");
        }
        Path dir = StateDir.resolve(stateDir);
        String token = TokenFile.loadOrCreate(dir);
        int workers = pool.resolveWorkers(config);
        FutureService service = new FutureService(pool.taskPool(workers, "futures-serve"));
        CountDownLatch stop = new CountDownLatch(1);
        HttpApi api;
        try {
            api = HttpApi.start(service, address, token, httpThreads, maxBody, stop::countDown);
        } catch (java.net.BindException e) {
            throw new UsageError("cannot listen on " + listen + ": " + e.getMessage());
        }
        String url = "http://" + hostForUrl(address.getAddress()) + ":" + api.port();
        Files.writeString(dir.resolve("address"), url + "\n");
        System.err.println("futures serve: listening on " + url + " (token in " + dir.resolve(TokenFile.NAME) + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "futures-serve-stop"));
        stop.await();
        api.close();
        service.shutdown(true, false);
        return ExitCodes.OK;
    }

    /** @throws UsageError for an address that is not HOST:PORT */
    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageError("--listen wants HOST:PORT, got '" + listen + "'");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | IOException e) {
            throw new UsageError("--listen wants HOST:PORT, got '" + listen + "'");
        }
    }

    private static String hostForUrl(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
