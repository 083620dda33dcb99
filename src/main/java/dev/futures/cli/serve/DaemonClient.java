package dev.futures.cli.serve;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.serve.TokenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * How the clients find and call the daemon: --server or FUTURES_SERVER, else the address the
 * daemon wrote in its state directory; the token from that directory (or --token-file).
 */
public class DaemonClient {

    @Option(names = "--server", paramLabel = "URL", description = "The daemon (default $FUTURES_SERVER, else the address "
            + "in the state directory, else http://127.0.0.1:7700).")
    String server;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the daemon keeps its token and address.")
    Path stateDir;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The daemon's token (default STATE_DIR/token).")
    Path tokenFile;

    private final NdjsonCodec codec = new NdjsonCodec();

    /** An answer: HTTP status and JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }

    /** No daemon answered: exit code 3. */
    public static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    /** How long a quick call (submit, status, cancel) may take before the client gives up. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private HttpClient http;
    private boolean proven;

    /** A quick call: answered within {@link #REQUEST_TIMEOUT}, or the client gives up (exit 3). */
    Answer call(String method, String path, Map<String, ?> body, Map<String, String> headers) {
        return answer(send(request(method, path, body, headers, REQUEST_TIMEOUT), HttpResponse.BodyHandlers.ofString()));
    }

    /** A call that waits as long as the user asked (result, wait, shutdown): no request timeout of its own. */
    Answer await(String method, String path, Map<String, ?> body) {
        return answer(send(request(method, path, body, Map.of(), null), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), decode(response.body()));
    }

    /** A body that is not the daemon's JSON: something else listens there. */
    private Map<String, Object> decode(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            return codec.decode(text);
        } catch (RuntimeException notJson) {
            throw new Unreachable("the server at " + base() + " is not a futures daemon (its answer is not JSON)");
        }
    }

    /**
     * A streamed NDJSON answer: each event goes to {@code events} as its line arrives. Returns
     * the status, with the error body when it is not 200.
     */
    Answer stream(String path, Map<String, ?> body, Consumer<Map<String, Object>> events) {
        HttpResponse<Stream<String>> response = send(request("POST", path, body, Map.of(), null),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                return new Answer(response.statusCode(), decode(lines.collect(Collectors.joining("\n"))));
            }
            lines.filter(line -> !line.isBlank()).forEach(line -> events.accept(decode(line)));
        } catch (UncheckedIOException e) {
            throw new Unreachable("the daemon at " + base() + " closed the stream: " + e.getMessage());
        }
        return new Answer(200, Map.of());
    }

    private HttpRequest request(String method, String path, Map<String, ?> body, Map<String, String> headers,
            Duration timeout) {
        String token = token();
        prove(token);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        if (timeout != null) {
            request.timeout(timeout);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(codec.encode(body)));
        return request.build();
    }

    /**
     * Before the token leaves this process: the server must answer a fresh random nonce with
     * the HMAC that only a holder of the token can compute ({@link TokenFile#proof}). Whatever
     * else listens on the port (another user's process while the daemon is down, a foreign
     * server) fails here, with one line and exit 3, and never sees the token.
     */
    private void prove(String token) {
        if (proven) {
            return;
        }
        String nonce = TokenFile.nonce();
        HttpRequest challenge = HttpRequest.newBuilder(URI.create(base() + "/v1/proof?nonce=" + nonce))
                .timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response = send(challenge, HttpResponse.BodyHandlers.ofString());
        Object proof = null;
        try {
            proof = response.statusCode() == 200 ? codec.decode(response.body().strip()).get("proof") : null;
        } catch (RuntimeException notJson) {
            // Not the daemon's answer: no proof.
        }
        if (!(proof instanceof String given) || !TokenFile.matches(TokenFile.proof(token, nonce), given)) {
            throw new Unreachable("the server at " + base() + " did not prove it is the daemon of this token "
                    + "(HTTP " + response.statusCode() + "); the token was not sent");
        }
        proven = true;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        }
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new Unreachable("no daemon answers at " + base());
        } catch (HttpTimeoutException e) {
            throw new Unreachable("the daemon at " + base() + " did not answer in time (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new Unreachable("no daemon answers at " + base() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    private String base() {
        if (server != null) {
            return strip(server);
        }
        String env = System.getenv("FUTURES_SERVER");
        if (env != null && !env.isBlank()) {
            return strip(env);
        }
        Path address = StateDir.resolve(stateDir).resolve("address");
        try {
            if (Files.exists(address)) {
                return strip(Files.readString(address).trim());
            }
        } catch (IOException ignored) {
            // fall back to the default below
        }
        return "http://127.0.0.1:7700";
    }

    private String token() {
        Path file = tokenFile != null ? tokenFile : StateDir.resolve(stateDir).resolve(TokenFile.NAME);
        try {
            return TokenFile.read(file);
        } catch (IOException e) {
            // No token means no daemon was ever started with this state directory.
            throw new Unreachable("no daemon: cannot read its token '" + file + "' (is 'futures serve' running with this "
                    + "state directory?)");
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
