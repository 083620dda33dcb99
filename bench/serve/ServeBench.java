import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on a running `futures serve`: SUBMITTERS clients, each on its own keep-alive connection,
 * submit `echo` tasks as fast as they are answered for SECONDS; meanwhile POLLERS clients submit
 * one and long-poll its result (GET .../result?timeout=30), timing the long poll. Prints
 * submits/s and the latency percentiles of submits and of result long-polls.
 *   java ServeBench.java STATE_DIR SECONDS SUBMITTERS POLLERS
 */
public class ServeBench {
    private static final Pattern ID = Pattern.compile("\"id\":\"(f\\d+)\"");

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        int submitters = Integer.parseInt(args[2]);
        int pollers = Integer.parseInt(args[3]);
        String base = Files.readString(state.resolve("address")).trim();
        String token = Files.readString(state.resolve("token")).trim();

        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong submits = new AtomicLong();
        List<long[]> submitLatencies = new ArrayList<>();
        List<long[]> pollLatencies = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(submitters + pollers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < submitters + pollers; i++) {
            boolean poller = i >= submitters;
            long[] samples = new long[2_000_000];
            (poller ? pollLatencies : submitLatencies).add(samples);
            Thread thread = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int n = 0;
                ready.countDown();
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        String id = submit(client, base, token);
                        long t1 = System.nanoTime();
                        if (poller) {
                            HttpResponse<String> result = client.send(HttpRequest.newBuilder(
                                    URI.create(base + "/v1/futures/" + id + "/result?timeout=30"))
                                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                            long t2 = System.nanoTime();
                            if (result.statusCode() != 200) {
                                throw new IllegalStateException("result " + result.statusCode() + " " + result.body());
                            }
                            if (measuring.get() && n < samples.length) {
                                samples[n++] = t2 - t1;
                            }
                        } else if (measuring.get()) {
                            submits.incrementAndGet();
                            if (n < samples.length) {
                                samples[n++] = t1 - t0;
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
                samples[samples.length - 1] = n; // the count, kept in the last slot
            });
            thread.start();
            threads.add(thread);
        }
        ready.await();
        Thread.sleep(2000); // warm-up: connections open, JIT warm; not counted
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("submits_per_s %.0f%n", submits.get() / elapsed);
        print("submit", submitLatencies);
        print("result_long_poll", pollLatencies);
    }

    private static String submit(HttpClient client, String base, String token) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/futures"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"echo\",\"args\":[\"x\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = ID.matcher(response.body());
        if (response.statusCode() != 201 || !matcher.find()) {
            throw new IllegalStateException("submit " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }

    private static void print(String name, List<long[]> perThread) {
        int total = perThread.stream().mapToInt(s -> (int) s[s.length - 1]).sum();
        long[] all = new long[total];
        int at = 0;
        for (long[] samples : perThread) {
            int n = (int) samples[samples.length - 1];
            System.arraycopy(samples, 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        if (total == 0) {
            return;
        }
        System.out.printf("%s_count %d%n", name, total);
        System.out.printf("%s_p50_ms %.3f%n", name, all[(int) (total * 0.50)] / 1e6);
        System.out.printf("%s_p99_ms %.3f%n", name, all[Math.min(total - 1, (int) (total * 0.99))] / 1e6);
        System.out.printf("%s_max_ms %.3f%n", name, all[total - 1] / 1e6);
    }
}
