package dev.futures.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.futures.BrokenExecutor;
import dev.futures.Future;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import dev.futures.session.BadRequest;
import dev.futures.session.Events;
import dev.futures.session.FutureService;
import dev.futures.session.RequestValues;
import dev.futures.task.UnknownTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's HTTP/JSON API on the JDK's built-in server (no Quarkus HTTP: it would start a
 * server in every CLI run and every worker). The session ops as endpoints; every endpoint but
 * {@code /healthz} and {@code /readyz} wants {@code Authorization: Bearer TOKEN}. Requests with
 * any {@code Origin}, or a {@code Host} that is not the bound address, are refused (DNS
 * rebinding); bodies are size-limited; every error is a JSON body with a 4xx or 5xx status.
 *
 * <p>Over 400 lines because each endpoint's parsing, limits and status codes sit together with
 * the connection handling (limits, long polls, timeouts) they share; what the endpoints answer
 * is {@link FutureService}'s.
 */
public final class HttpApi implements AutoCloseable {
    private static final Pattern FUTURE = Pattern.compile("/v1/futures/([^/]+)(/result|/cancel)?");

    private final FutureService service;
    private final String token;
    private final int maxBody;
    private final NdjsonCodec codec = new NdjsonCodec();
    private final HttpServer server;
    private final ExecutorService threads;
    /** Long polls' deadlines: one daemon thread for all of them. */
    private final ScheduledThreadPoolExecutor deadlines;
    private final Set<String> hosts;
    private final int port;
    private final Runnable onShutdown;

    private HttpApi(FutureService service, String token, int maxBody, HttpServer server, ExecutorService threads,
            Set<String> allowedHosts, Runnable onShutdown) {
        this.service = service;
        this.token = token;
        this.maxBody = maxBody;
        this.server = server;
        this.threads = threads;
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "futures-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.onShutdown = onShutdown;
        this.port = server.getAddress().getPort();
        // Loopback names always; the bound address when it is another one; and what the user allows.
        this.hosts = new HashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        this.hosts.add(server.getAddress().getAddress().getHostAddress());
        allowedHosts.forEach(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
    }

    /**
     * The daemon's limits on the JDK server, set before its first instance reads them (once per
     * process): a request's line, headers and body must arrive within {@value #REQUEST_SECONDS}
     * s (a client sending a byte a second is cut off, as Apache's mod_reqtimeout does), an idle
     * keep-alive connection is closed after {@value #IDLE_SECONDS} s, and at most
     * {@code connections} are open at once; past that new ones are refused until one ends. The
     * JDK server reads a request on its executor's thread, so there is a thread for every
     * connection ({@link #start}): slow clients and long polls cannot take them all. The JDK
     * reads these limits once per process: the first server's hold for all.
     */
    public static HttpServer bind(InetSocketAddress address, int connections) throws IOException {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK, 40 ms per request on keep-alive connections.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.idleInterval", Long.toString(IDLE_SECONDS));
        System.setProperty("jdk.httpserver.maxConnections", Integer.toString(connections));
        return HttpServer.create(address, 128);
    }

    static final long REQUEST_SECONDS = 10;
    static final long IDLE_SECONDS = 30;

    /**
     * Serves the API on {@code server} (from {@link #bind}); up to {@code threads} requests are
     * read and answered at once (the connection limit given to bind). A null {@code token}
     * serves without authentication (the caller allows that on loopback only).
     * {@code allowedHosts} are names besides loopback and the bound address that a request's
     * {@code Host} may carry (a service name, a pod IP). {@code onShutdown} runs after a
     * shutdown request was answered.
     */
    public static HttpApi start(FutureService service, HttpServer server, String token, int threads,
            int maxBody, Set<String> allowedHosts, Runnable onShutdown) {
        // Threads come and go with the connections: idle ones end after a minute.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads,
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "futures-http");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        HttpApi api = new HttpApi(service, token, maxBody, server, pool, allowedHosts, onShutdown);
        server.createContext("/", api::handle);
        server.setExecutor(pool);
        server.start();
        return api;
    }

    /** Binds and serves at once: tests and embedders with nothing to do in between. */
    public static HttpApi start(FutureService service, InetSocketAddress address, String token, int threads,
            int maxBody, Set<String> allowedHosts, Runnable onShutdown) throws IOException {
        return start(service, bind(address, threads), token, threads, maxBody, allowedHosts, onShutdown);
    }

    /** Host header: an allowed name, and this daemon's port (implied 80 when absent). */
    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String name = host;
        int hostPort = 80;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon && (host.startsWith("[") || host.indexOf(':') == colon)) {
            name = host.substring(0, colon);
            try {
                hostPort = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        name = name.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        return hostPort == port && hosts.contains(name);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        deadlines.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        // The error responses are written inside, before the exchange is closed. A long poll
        // that is still waiting owns its exchange and closes it when it answers.
        boolean answered = true;
        try {
            answered = answer(exchange);
        } finally {
            if (answered) {
                exchange.close();
            }
        }
    }

    /** False when a long poll was left waiting: it answers, and closes the exchange, later. */
    private boolean answer(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (HealthEndpoint.answer(exchange, service)) {
                return true;
            }
            if (exchange.getRequestHeaders().containsKey("Origin")) {
                error(exchange, 403, "Forbidden", "requests from a browser origin are refused");
                return true;
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!hostAllowed(host)) {
                error(exchange, 403, "Forbidden", "Host '" + host + "' is not this daemon's address");
                return true;
            }
            if (path.equals("/v1/proof")) {
                // Before any token is sent: the client checks that this is the daemon it means.
                proof(exchange);
                return true;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
            if (token != null && !TokenFile.matches(token, given)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                error(exchange, 401, "Unauthorized", "a valid 'Authorization: Bearer TOKEN' header is needed");
                return true;
            }
            return route(exchange, method, path);
        } catch (BodyTooLarge e) {
            error(exchange, 413, "PayloadTooLarge", e.getMessage());
        } catch (MethodNotAllowed e) {
            error(exchange, 405, "MethodNotAllowed", e.getMessage());
        } catch (FutureService.NotFound e) {
            error(exchange, 404, "NotFound", e.getMessage());
        } catch (BadRequest | ProtocolError e) {
            error(exchange, 400, "BadRequest", e.getMessage());
        } catch (UnknownTask e) {
            error(exchange, 400, "UnknownTask", e.getMessage());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            error(exchange, 400, e.getClass().getSimpleName(), e.getMessage());
        } catch (RejectedExecutionException e) {
            error(exchange, 409, "RejectedExecution", e.getMessage());
        } catch (BrokenExecutor e) {
            error(exchange, 503, e.getClass().getSimpleName(), e.getMessage());
        } catch (UncheckedIOException e) {
            // The journal could not record the submit (disk full, say): not acknowledged.
            error(exchange, 503, "JournalUnavailable", e.getMessage());
        }
        return true;
    }

    /** False when the answer is left to a long poll. */
    private boolean route(HttpExchange exchange, String method, String path) throws IOException {
        Map<String, String> query = query(exchange);
        if (path.equals("/v1/futures")) {
            requireMethod(method, "POST");
            Map<String, Object> body = body(exchange);
            String id = service.submit(string(body, "task"), list(body, "args"), RequestValues.seconds(body.get("timeout")),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            Map<String, Object> event = Events.event("submitted");
            event.put("id", id);
            send(exchange, 201, event);
            return true;
        }
        Matcher future = FUTURE.matcher(path);
        if (future.matches()) {
            String id = future.group(1);
            String action = future.group(2);
            if (action == null) {
                requireMethod(method, "GET");
                send(exchange, 200, service.state(id));
            } else if (action.equals("/result")) {
                requireMethod(method, "GET");
                return longPoll(exchange, id, RequestValues.seconds(query.get("timeout")));
            } else {
                requireMethod(method, "POST");
                send(exchange, 200, service.cancel(id, Boolean.TRUE.equals(body(exchange).get("force"))));
            }
            return true;
        }
        switch (path) {
            case "/v1/wait" -> {
                requireMethod(method, "POST");
                Map<String, Object> body = body(exchange);
                send(exchange, 200, service.waitFor(strings(body, "ids"), RequestValues.returnWhen(body.get("return_when")),
                        RequestValues.seconds(body.get("timeout"))));
            }
            case "/v1/as_completed" -> {
                requireMethod(method, "POST");
                asCompleted(exchange, body(exchange));
            }
            case "/v1/shutdown" -> {
                requireMethod(method, "POST");
                Map<String, Object> body = body(exchange);
                service.shutdown(!Boolean.FALSE.equals(body.get("wait")), Boolean.TRUE.equals(body.get("cancel_futures")));
                send(exchange, 200, Events.event("shutdown"));
                // Flushed and finished before the server may stop: HttpServer.stop closes every
                // connection, and an answer still in the exchange's buffer would be lost with it
                // (the native daemon lost that race several times per test run).
                exchange.close();
                onShutdown.run();
            }
            case "/v1/stats" -> {
                requireMethod(method, "GET");
                send(exchange, 200, service.stats());
            }
            case "/metrics" -> {
                requireMethod(method, "GET");
                metrics(exchange);
            }
            default -> error(exchange, 404, "NotFound", "no endpoint " + method + " " + path);
        }
        return true;
    }

    /**
     * The result once done (200), or a timeout event (202) if not done in time. A future not
     * done yet holds no thread while the client waits: its done callback, or the deadline's
     * timer, whichever comes first, hands the answer to a request thread. False when it waits.
     */
    private boolean longPoll(HttpExchange exchange, String id, Duration timeout) throws IOException {
        Future<Object> future = service.future(id);
        if (future.done() || (timeout != null && timeout.isZero())) {
            Map<String, Object> outcome = service.result(id, Duration.ZERO);
            send(exchange, outcome.get("event").equals("timeout") ? 202 : 200, outcome);
            return true;
        }
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> deadline = timeout == null ? null
                : deadlines.schedule(() -> answerLater(exchange, id, answered, null, timeout), timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        future.addDoneCallback(done -> answerLater(exchange, id, answered, deadline, timeout));
        return false;
    }

    private void answerLater(HttpExchange exchange, String id, AtomicBoolean answered,
            ScheduledFuture<?> deadline, Duration timeout) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        try {
            // A request thread writes it: the future's callback runs on a pool thread, which a
            // slow client must not hold.
            threads.execute(() -> {
                try (exchange) {
                    boolean done = service.future(id).done();
                    send(exchange, done ? 200 : 202, done ? service.outcome(id) : service.resultTimeout(id, timeout));
                } catch (IOException | RuntimeException gone) {
                    // The client left, or the daemon is closing: nobody to answer.
                }
            });
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    /** Streamed NDJSON: a result event per future as it completes, then a timeout event if the deadline passes. */
    private void asCompleted(HttpExchange exchange, Map<String, Object> body) throws IOException {
        List<String> ids = strings(body, "ids");
        ids.forEach(service::future); // an unknown id is a 404, before the stream's 200
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        service.asCompleted(ids, RequestValues.seconds(body.get("timeout")), event -> {
            out.write(codec.encode(event));
            out.flush();
        });
    }

    /** {@code GET /v1/proof?nonce=HEX}: {@link TokenFile#proof}, or null when serving without a token. */
    private void proof(HttpExchange exchange) throws IOException {
        String nonce = query(exchange).get("nonce");
        if (nonce == null || !nonce.matches("[0-9a-f]{32,128}")) {
            throw new BadRequest("'nonce' must be 32 to 128 lowercase hex digits");
        }
        Map<String, Object> event = Events.event("proof");
        event.put("proof", token == null ? null : TokenFile.proof(token, nonce));
        send(exchange, 200, event);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        Map<String, Object> stats = service.stats();
        StringBuilder text = new StringBuilder();
        text.append("# HELP futures_futures Futures of this daemon by state.\n# TYPE futures_futures gauge\n");
        for (String state : new String[] {"pending", "running", "done", "failed", "cancelled"}) {
            text.append("futures_futures{state=\"").append(state).append("\"} ").append(stats.get(state)).append('\n');
        }
        text.append("# HELP futures_workers Workers the pool may run at once.\n# TYPE futures_workers gauge\n");
        text.append("futures_workers ").append(stats.get("workers")).append('\n');
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    // ------------------------------------------------------------------ plumbing

    private Map<String, Object> body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(maxBody + 1);
        }
        if (bytes.length > maxBody) {
            throw new BodyTooLarge("request body over " + maxBody + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Map.of() : codec.decode(text);
    }

    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = codec.encode(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", type);
        details.put("message", message);
        Map<String, Object> body = Events.event("error");
        body.put("error", details);
        send(exchange, status, body);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new MethodNotAllowed("use " + expected + " here, not " + method);
        }
    }

    /** A known path with the wrong method: 405. */
    private static final class MethodNotAllowed extends BadRequest {
        private static final long serialVersionUID = 1L;

        MethodNotAllowed(String message) {
            super(message);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String string(Map<String, Object> body, String field) {
        if (body.get(field) instanceof String text) {
            return text;
        }
        throw new BadRequest("'" + field + "' must be a string");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new BadRequest("'" + field + "' must be a list");
    }

    private static List<String> strings(Map<String, Object> body, String field) {
        return list(body, field).stream().map(String::valueOf).toList();
    }

    /** A body over the limit: 413. */
    private static final class BodyTooLarge extends BadRequest {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(String message) {
            super(message);
        }
    }
}
