package dev.futures.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.ThreadPoolExecutor;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.session.FutureService;
import dev.futures.session.Journal;
import dev.futures.session.TaskPool;
import dev.futures.task.TaskRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's API over real HTTP on loopback: endpoints, long poll, streaming, and every refusal. */
@Timeout(120)
class HttpApiTest {
    @TempDir
    Path dir;

    private final NdjsonCodec json = new NdjsonCodec();
    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private Journal journal;
    private FutureService service;
    private HttpApi api;
    private String token;
    private String base;

    @BeforeEach
    void start() throws Exception {
        token = TokenFile.loadOrCreate(dir.resolve("state"));
        journal = Journal.open(dir.resolve(Journal.FILE));
        service = new FutureService(TaskPool.of(new ThreadPoolExecutor(4), TaskRegistry.discover()), journal, null);
        api = HttpApi.start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), token, 64, 4096,
                Set.of("futures.example"), shutdownRequested::countDown);
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterEach
    void stop() throws Exception {
        Files.writeString(dir.resolve("gate"), "open");
        api.close();
        service.shutdown(true, true);
        journal.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> ok(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        assertEquals(status, response.statusCode(), response.body());
        return json.decode(response.body().strip());
    }

    private String submit(String task, String args) throws Exception {
        return (String) ok("POST", "/v1/futures", "{\"task\":\"" + task + "\",\"args\":" + args + "}", 201).get("id");
    }

    @Test
    void submitStateResultCancelWaitStats() throws Exception {
        String id = submit("square", "[12]");
        Map<String, Object> result = ok("GET", "/v1/futures/" + id + "/result", null, 200);
        assertEquals(144L, result.get("value"));
        assertEquals("finished", ok("GET", "/v1/futures/" + id, null, 200).get("state"));

        String gated = submit("wait_for_file", "[\"" + dir.resolve("gate") + "\"]");
        assertEquals("timeout", ok("GET", "/v1/futures/" + gated + "/result?timeout=0.05", null, 202).get("event"));
        Map<String, Object> split = ok("POST", "/v1/wait",
                "{\"ids\":[\"" + id + "\",\"" + gated + "\"],\"return_when\":\"FIRST_COMPLETED\"}", 200);
        assertEquals(List.of(id), split.get("done"));
        assertEquals(1L, ok("GET", "/v1/stats", null, 200).get("running"));
        assertTrue(call("GET", "/metrics", null).body().contains("futures_futures{state=\"done\"} 1"));
        Files.writeString(dir.resolve("gate"), "open");
        assertEquals("ok", ok("GET", "/v1/futures/" + gated + "/result?timeout=30", null, 200).get("status"));
    }

    /**
     * Connections that send half a request and then nothing (slowloris), and long polls on work
     * that does not finish, must leave the daemon answering everyone else. Before, each held a
     * request thread, and 16 of them stopped the API, /healthz included.
     */
    @Test
    void slowClientsAndLongPollsStarveNoOne() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port());
                socket.getOutputStream().write("GET /v1/stats HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            String gated = submit("wait_for_file", "[\"" + dir.resolve("gate") + "\"]");
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                polls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/futures/" + gated + "/result?timeout=120"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            // Answered while all of those wait (a generous bound: it is immediate).
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> stats = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/stats"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(1L, json.decode(stats.body().strip()).get("running"));
            Files.writeString(dir.resolve("gate"), "open");
            for (var poll : polls) {
                assertEquals(200, poll.get(60, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aLongPollThatTimesOutAnswers202AndAbsurdTimeoutsAre400AtOnce() throws Exception {
        String gated = submit("wait_for_file", "[\"" + dir.resolve("gate") + "\"]");
        Map<String, Object> timeout = ok("GET", "/v1/futures/" + gated + "/result?timeout=0.2", null, 202);
        assertEquals(gated, timeout.get("id"));
        for (String absurd : new String[] {"1e100000000", "1e2147483647", "315360001", "-1", "soon"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/v1/futures/" + gated + "/result?timeout=" + absurd))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), absurd + ": " + response.body());
        }
    }

    @Test
    void asCompletedStreamsOneLinePerFuture() throws Exception {
        String a = submit("echo", "[\"a\"]");
        String gated = submit("wait_for_file", "[\"" + dir.resolve("gate") + "\"]");
        HttpResponse<String> stream = call("POST", "/v1/as_completed", "{\"ids\":[\"" + a + "\",\"" + gated + "\"],\"timeout\":0.2}");
        List<Map<String, Object>> lines = stream.body().lines().map(json::decode).toList();
        assertEquals(2, lines.size(), stream.body());
        assertEquals(a, lines.get(0).get("id"));
        assertEquals("1 (of 2) futures unfinished", lines.get(1).get("message"));
    }

    @Test
    void idempotencyKeyGivesTheSameIdAndIdsAreNeverReused() throws Exception {
        HttpRequest.Builder submit = HttpRequest.newBuilder(URI.create(base + "/v1/futures"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", "job-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"echo\",\"args\":[1]}"));
        String first = json.decode(client.send(submit.build(), HttpResponse.BodyHandlers.ofString()).body()).get("id").toString();
        String again = json.decode(client.send(submit.build(), HttpResponse.BodyHandlers.ofString()).body()).get("id").toString();
        assertEquals(first, again);
        assertTrue(!submit("echo", "[2]").equals(first));
    }

    @Test
    void everyRefusal() throws Exception {
        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());
        HttpResponse<String> wrongToken = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/stats"))
                .header("Authorization", "Bearer " + "0".repeat(64)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongToken.statusCode());
        HttpResponse<String> origin = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/stats"))
                .header("Authorization", "Bearer " + token).header("Origin", "http://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, origin.statusCode());
        assertEquals(403, rawStatus("GET /v1/stats HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n"), "DNS rebinding: a foreign Host");
        assertEquals(403, rawStatus("GET /v1/stats HTTP/1.1\r\nHost: futures.example:1\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n"), "an allowed name on another port");
        assertEquals(200, rawStatus("GET /v1/stats HTTP/1.1\r\nHost: futures.example:" + api.port()
                + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n"), "--allow-host");
        assertEquals(400, call("POST", "/v1/futures", "{not json").statusCode());
        assertEquals(400, call("POST", "/v1/futures", "{\"task\":\"no_such_task\"}").statusCode());
        assertEquals(404, call("GET", "/v1/futures/f999", null).statusCode());
        assertEquals(404, call("GET", "/v1/nothing", null).statusCode());
        assertEquals(405, call("DELETE", "/v1/futures", null).statusCode());
        assertEquals(413, call("POST", "/v1/futures", "{\"task\":\"echo\",\"args\":[\"" + "x".repeat(5000) + "\"]}").statusCode());
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "health needs no token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/token"))));
    }

    @Test
    void shutdownIsAnsweredThenReported() throws Exception {
        assertEquals("shutdown", ok("POST", "/v1/shutdown", "{}", 200).get("event"));
        shutdownRequested.await();
        assertEquals(503, client.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(409, call("POST", "/v1/futures", "{\"task\":\"echo\",\"args\":[1]}").statusCode());
    }

    @Test
    void healthAloneOnASecondAddressServesNothingElse() throws Exception {
        try (HealthEndpoint health = HealthEndpoint.start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String probes = "http://127.0.0.1:" + health.port();
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(probes + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(probes + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(probes + "/v1/stats"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            service.shutdown(true, false);
            assertEquals(503, client.send(HttpRequest.newBuilder(URI.create(probes + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    /**
     * 50 clients, each on its own keep-alive connection, submit 200 futures at once, then retry
     * every submit with the same idempotency key: every input comes back as its own future's
     * value, no id is handed out twice, every retry gets the first id, and the journal holds
     * exactly the 10,000 finished futures.
     */
    @Test
    void fiftyConcurrentClientsLoseAndDuplicateNothing() throws Exception {
        int clients = 50;
        int submits = 200;
        Map<String, String> idByInput = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            CountDownLatch allReady = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                work.add(() -> {
                    HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    allReady.countDown();
                    allReady.await();
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < submits; i++) {
                            String input = client + "-" + i;
                            HttpResponse<String> response = own.send(HttpRequest.newBuilder(URI.create(base + "/v1/futures"))
                                    .header("Authorization", "Bearer " + token).header("Idempotency-Key", input)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"echo\",\"args\":[\"" + input + "\"]}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            assertEquals(201, response.statusCode(), response.body());
                            String id = (String) json.decode(response.body().strip()).get("id");
                            String first = idByInput.putIfAbsent(input, id);
                            if (first != null) {
                                assertEquals(first, id, "a retried submit of " + input);
                            }
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(clients * submits, idByInput.size());
        assertEquals(clients * submits, new HashSet<>(idByInput.values()).size(), "an id handed out twice");
        for (Map.Entry<String, String> submitted : idByInput.entrySet()) {
            assertEquals(submitted.getKey(), ok("GET", "/v1/futures/" + submitted.getValue() + "/result?timeout=30", null,
                    200).get("value"));
        }
        service.shutdown(true, false);
        try (Journal replayed = Journal.open(dir.resolve(Journal.FILE))) {
            assertEquals(clients * submits, replayed.recovered().size());
            for (Journal.Entry entry : replayed.recovered()) {
                assertEquals(entry.idempotencyKey(), entry.outcome().get("value"), "journaled outcome of f" + entry.id());
                assertEquals(idByInput.get(entry.idempotencyKey()), "f" + entry.id());
            }
        }
    }

    /** A request with exactly these headers (HttpClient will not send a foreign Host). */
    private int rawStatus(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
