import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits COUNT `echo` tasks to a running `futures serve` from CLIENTS keep-alive connections,
 * as fast as they are answered, and returns when all were acknowledged (for bench/serve/memory).
 *   java Submitter.java STATE_DIR COUNT CLIENTS
 */
public class Submitter {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        String base = Files.readString(state.resolve("address")).trim();
        String token = Files.readString(state.resolve("token")).trim();
        AtomicInteger left = new AtomicInteger(count);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/futures"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"echo\",\"args\":[\"x\"]}")).build();
                try {
                    while (left.getAndDecrement() > 0) {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("submit " + response.statusCode() + " " + response.body());
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
