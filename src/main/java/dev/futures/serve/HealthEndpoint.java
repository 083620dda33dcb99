package dev.futures.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.futures.session.FutureService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (it takes work: 503 once shutting
 * down), without token or Host check: probes carry neither. Served by the API itself, and alone
 * on a second address ({@code serve --health-listen}) so that a kubelet, which probes the pod's
 * IP, can reach them while the API stays on loopback.
 */
public final class HealthEndpoint implements AutoCloseable {
    private final HttpServer server;

    private HealthEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves only the two health paths on {@code address}. */
    public static HealthEndpoint start(FutureService service, InetSocketAddress address) throws IOException {
        return start(service, bind(address));
    }

    /** The socket, bound, not yet served: the daemon binds before it replays its journal. */
    public static HttpServer bind(InetSocketAddress address) throws IOException {
        return HttpServer.create(address, 16);
    }

    /** Serves only the two health paths on {@code server}, from {@link #bind}. */
    public static HealthEndpoint start(FutureService service, HttpServer server) {
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!answer(exchange, service)) {
                    send(exchange, 404, "{\"event\":\"error\",\"error\":{\"type\":\"NotFound\",\"message\":\"only /healthz "
                            + "and /readyz here\"}}");
                }
            }
        });
        server.start(); // its own single dispatcher thread: probes are rare and quick
        return new HealthEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers a health path; false for any other path. */
    static boolean answer(HttpExchange exchange, FutureService service) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/healthz")) {
            send(exchange, 200, "{\"status\":\"ok\"}");
            return true;
        }
        if (path.equals("/readyz")) {
            boolean ready = !service.isShutDown();
            send(exchange, ready ? 200 : 503, ready ? "{\"status\":\"ready\"}" : "{\"status\":\"shutting down\"}");
            return true;
        }
        return false;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
