import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's promises under faults, counted. Two parts:
 *
 * <p>kill: CYCLES times, SUBMITTERS clients submit `sh` tasks that append their key to a log
 * (each with an Idempotency-Key, retried with the same key until acknowledged, across restarts)
 * while the daemon is killed with SIGKILL at a random moment and started again on the same state
 * directory. Then every acknowledged key is looked up: lost (its id unknown), duplicated (two ids
 * for one key), stuck (not done a minute after the last start), ran twice (its line twice in the
 * log), and WorkLostError (reported lost: allowed, it is what at-most-once means).
 *
 * <p>slow: 64 half-sent requests (slowloris) and 64 long polls held open, and the latency of a
 * normal client's GET /healthz and GET /v1/stats meanwhile.
 *   java FaultsBench.java kill FUTURES STATE_DIR CYCLES SUBMITTERS [SERVE_OPTION...]
 *   java FaultsBench.java slow STATE_DIR
 */
public class FaultsBench {
    private static final Pattern ID = Pattern.compile("\"id\":\"(f\\d+)\"");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("slow")) {
            slow(Path.of(args[1]));
        } else {
            kill(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Arrays.asList(args).subList(5, args.length));
        }
    }

    static void kill(String futures, Path state, int cycles, int submitters, List<String> options) throws Exception {
        Path ran = state.resolveSibling("ran.log");
        Map<String, String> idByKey = new ConcurrentHashMap<>();
        Map<String, Integer> duplicated = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Process[] daemon = {start(futures, state, options)};
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < submitters; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String key = client + "-" + n;
                    String command = "echo " + key + " >> '" + ran + "'";
                    // The same key until acknowledged, whatever happens to the daemon, also past the
                    // last kill: a key given up on could have run without an id to show for it.
                    while (true) {
                        String id = trySubmit(state, key, command);
                        if (id != null) {
                            String first = idByKey.putIfAbsent(key, id);
                            if (first != null && !first.equals(id)) {
                                duplicated.merge(key, 1, Integer::sum);
                            }
                            break;
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (int cycle = 0; cycle < cycles; cycle++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(300, 1500)); // the fault's moment, at random
            daemon[0].destroyForcibly();
            daemon[0].waitFor();
            daemon[0] = start(futures, state, options);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        int lost = 0;
        int stuck = 0;
        int workLost = 0;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Map.Entry<String, String> entry : idByKey.entrySet()) {
            long left = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(giveUp - System.nanoTime()));
            HttpResponse<String> result = get(state, "/v1/futures/" + entry.getValue() + "/result?timeout=" + left);
            if (result == null || result.statusCode() == 404) {
                lost++;
            } else if (result.statusCode() == 202) {
                stuck++;
            } else if (result.body().contains("WorkLostError")) {
                workLost++;
            }
        }
        Map<String, Integer> runs = new HashMap<>();
        if (Files.exists(ran)) {
            for (String line : Files.readAllLines(ran)) {
                runs.merge(line.strip(), 1, Integer::sum);
            }
        }
        long ranTwice = runs.values().stream().filter(count -> count > 1).count();
        long ranUnacknowledged = runs.keySet().stream().filter(key -> !idByKey.containsKey(key)).count();
        daemon[0].destroyForcibly();
        System.out.println("acknowledged " + idByKey.size());
        System.out.println("lost " + lost);
        System.out.println("duplicated " + duplicated.size());
        System.out.println("stuck " + stuck);
        System.out.println("ran_twice " + ranTwice);
        System.out.println("ran_unacknowledged " + ranUnacknowledged);
        System.out.println("reported_lost " + workLost);
    }

    private static Process start(String futures, Path state, List<String> options) throws IOException, InterruptedException {
        Files.deleteIfExists(state.resolve("address"));
        List<String> command = new ArrayList<>(List.of(futures, "serve", "--listen", "127.0.0.1:0", "--state-dir",
                state.toString(), "-j2"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(state.resolveSibling("serve.err").toFile()).start();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(state.resolve("address")) || Files.readString(state.resolve("address")).isBlank()) {
            if (System.nanoTime() > giveUp || !process.isAlive()) {
                throw new IllegalStateException("the daemon did not start: " + Files.readString(state.resolveSibling("serve.err")));
            }
            Thread.sleep(10); // polling a file another process writes
        }
        return process;
    }

    private static final ThreadLocal<HttpClient> CLIENTS = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build());

    /** The id, or null when the daemon is down, refused, or did not answer in time. */
    private static String trySubmit(Path state, String key, String command) {
        try {
            String body = "{\"task\":\"sh\",\"args\":[\"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]}";
            HttpResponse<String> response = CLIENTS.get().send(HttpRequest.newBuilder(URI.create(base(state) + "/v1/futures"))
                    .header("Authorization", "Bearer " + token(state)).header("Idempotency-Key", key)
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return null;
            }
            Matcher id = ID.matcher(response.body());
            return id.find() ? id.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpResponse<String> get(Path state, String path) {
        try {
            return CLIENTS.get().send(HttpRequest.newBuilder(URI.create(base(state) + path))
                    .header("Authorization", "Bearer " + token(state)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException | RuntimeException e) {
            return null;
        }
    }

    private static String base(Path state) throws IOException {
        return Files.readString(state.resolve("address")).strip();
    }

    private static String token(Path state) throws IOException {
        return Files.readString(state.resolve("token")).strip();
    }

    static void slow(Path state) throws Exception {
        String base = base(state);
        URI uri = URI.create(base);
        List<Socket> slow = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpClient normal = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String gated = trySubmit(state, "gated", "sleep 15");
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            OutputStream out = socket.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            slow.add(socket);
        }
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            polls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/futures/" + gated + "/result?timeout=30"))
                    .header("Authorization", "Bearer " + token(state)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        long[] health = new long[50];
        long[] stats = new long[50];
        int failed = 0;
        for (int i = 0; i < health.length; i++) {
            for (String path : new String[] {"/healthz", "/v1/stats"}) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> response = normal.send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token(state)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    failed += response.statusCode() == 200 ? 0 : 1;
                } catch (IOException e) {
                    failed++;
                }
                (path.equals("/healthz") ? health : stats)[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(health);
        Arrays.sort(stats);
        System.out.printf("healthz_p50_ms %.2f%nhealthz_p99_ms %.2f%nstats_p50_ms %.2f%nstats_p99_ms %.2f%nfailed %d%n",
                health[25] / 1e6, health[49] / 1e6, stats[25] / 1e6, stats[49] / 1e6, failed);
        for (Socket socket : slow) {
            socket.close();
        }
        polls.forEach(poll -> poll.cancel(true));
    }
}
