package dev.futures.cli;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.session.TokenFile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    Answer call(String method, String path, Map<String, ?> body, Map<String, String> headers) {
        HttpResponse<String> response = send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
        String text = response.body().strip();
        return new Answer(response.statusCode(), text.isEmpty() ? Map.of() : codec.decode(text));
    }

    /**
     * A streamed NDJSON answer: each event goes to {@code events} as its line arrives. Returns
     * the status, with the error body when it is not 200.
     */
    Answer stream(String path, Map<String, ?> body, Consumer<Map<String, Object>> events) {
        HttpResponse<Stream<String>> response = send(request("POST", path, body, Map.of()),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                String text = lines.collect(Collectors.joining("\n")).strip();
                return new Answer(response.statusCode(), text.isEmpty() ? Map.of() : codec.decode(text));
            }
            lines.filter(line -> !line.isBlank()).forEach(line -> events.accept(codec.decode(line)));
        } catch (java.io.UncheckedIOException e) {
            throw new Unreachable("the daemon at " + base() + " closed the stream: " + e.getMessage());
        }
        return new Answer(200, Map.of());
    }

    private HttpRequest request(String method, String path, Map<String, ?> body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(codec.encode(body)));
        return request.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(request, handler);
        } catch (ConnectException e) {
            throw new Unreachable("no daemon answers at " + base());
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
