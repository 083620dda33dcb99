package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user's entry point, {@code target/futures} (JVM launcher, or the native executable with
 * -Dnative), driven as a shell would: pipes on stdin, signals, and a look for processes left behind.
 *
 * <p>Long because every case drives the packaged build and shares the same process-watching
 * helpers, which a split would copy.
 */
@Timeout(120)
class ExecutableIT {
    private static final String EXECUTABLE = System.getProperty("futures.executable", "target/futures");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private Process start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> environment, String... args) throws IOException {
        return start(environment, dir.resolve("stderr"), args);
    }

    private Process start(Map<String, String> environment, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static String stdout(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void theIssuesExampleRunsAndKeepsOrder() throws Exception {
        Process ok = start("map", "-j4", "sh", "-c", "sleep 1; echo {}", ":::", "a", "b", "c", "d");
        ok.getOutputStream().close();
        assertEquals("a\nb\nc\nd\n", stdout(ok));
        assertEquals(0, ok.exitValue());
        assertEquals("", Files.readString(dir.resolve("stderr")), "no banner or log lines on a user's stderr");

        Process oneFails = start("map", "-j4", "sh", "-c", "sleep 1; echo {}; [ {} != b ]", ":::", "a", "b", "c", "d");
        oneFails.getOutputStream().close();
        assertEquals("a\nb\nc\nd\n", stdout(oneFails));
        assertEquals(1, oneFails.exitValue());
    }

    @Test
    void stdinLinesAreInputsAndResultsStreamBeforeStdinEnds() throws Exception {
        Process process = start("map", "-j2", "echo", "got");
        OutputStream stdin = process.getOutputStream();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line : new String[] {"one", "two", "three"}) {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            // Each result arrives while stdin is still open: input is read lazily, not slurped.
            assertEquals("got " + line, stdout.readLine());
        }
        stdin.close();
        assertEquals(null, stdout.readLine());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"completion order", "-k"})
    void lineBufferPrintsEachLineWhileTheJobRuns(String order) throws Exception {
        // Each job prints a line, then waits for a file that this test makes only once it has
        // read that line: the test hangs (and times out) unless lines go out as they come.
        String job = "echo {}a; while [ ! -e " + dir + "/go{} ]; do sleep 0.01; done; echo {}b";
        Process process = order.equals("-k")
                ? start("map", "-j2", "-k", "--line-buffer", "sh", "-c", job, ":::", "1", "2")
                : start("map", "-j2", "--lb", "--tag", "sh", "-c", job, ":::", "1", "2");
        process.getOutputStream().close();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (order.equals("-k")) {
            // Only the oldest job is live; the second one's lines wait for it.
            assertEquals("1a", stdout.readLine());
            Files.createFile(dir.resolve("go2"));
            Files.createFile(dir.resolve("go1"));
            assertEquals(List.of("1b", "2a", "2b"), stdout.lines().toList());
        } else {
            assertEquals(Set.of("1\t1a", "2\t2a"), Set.of(stdout.readLine(), stdout.readLine()));
            Files.createFile(dir.resolve("go2"));
            assertEquals("2\t2b", stdout.readLine());
            Files.createFile(dir.resolve("go1"));
            assertEquals(List.of("1\t1b"), stdout.lines().toList());
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    void ungroupedCommandsWriteStraightToStdoutEvenHalfALine() throws Exception {
        // The job writes half a line, then waits for a file this test makes only once it has read
        // that half: only a command writing to futures' stdout itself gets it out before its newline.
        String job = "printf {}; while [ ! -e " + dir + "/go ]; do sleep 0.01; done; echo end";
        Process process = start("map", "-u", "--tag", "sh", "-c", job, ":::", "half");
        process.getOutputStream().close();
        InputStream stdout = process.getInputStream();
        assertEquals("half", new String(stdout.readNBytes(4), StandardCharsets.UTF_8), "no tag with -u, as in GNU");
        Files.createFile(dir.resolve("go"));
        assertEquals("end\n", new String(stdout.readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    void nulSeparatedInputKeepsNewlinesAndSpaces() throws Exception {
        Process process = start("map", "-0", "-j2", "printf", "[%s]\\n");
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("two\nlines\0with space\0".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("[two\nlines]\n[with space]\n", stdout(process));
        assertEquals(0, process.exitValue());
    }

    @Test
    void aSessionIsACoprocessThatAnswersEachRequestInTurn() throws Exception {
        Process session = start("session", "--pool", "process", "-j2");
        OutputStream stdin = session.getOutputStream();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(stdout.readLine().contains("\"event\":\"start\""));
        String[][] exchanges = {
            {"{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[12]}", "{\"event\":\"submitted\",\"id\":1}"},
            {"{\"op\":\"result\",\"id\":1}", "{\"event\":\"result\",\"id\":1,\"status\":\"ok\",\"value\":144}"},
            {"{\"op\":\"bogus\"}", "\"event\":\"error\""},
            {"{\"op\":\"shutdown\"}", "{\"event\":\"shutdown\"}"},
        };
        List<String> workerEvents = new ArrayList<>();
        for (String[] exchange : exchanges) {
            stdin.write((exchange[0] + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String answer = answer(stdout, workerEvents); // answered before the next request is even written
            assertTrue(answer.contains(exchange[1]), exchange[0] + " -> " + answer);
        }
        // After shutdown it still answers about its futures, until end of input.
        stdin.write("{\"op\":\"state\",\"id\":1}\n".getBytes(StandardCharsets.UTF_8));
        stdin.close();
        assertTrue(answer(stdout, workerEvents).contains("\"state\":\"finished\""));
        assertEquals("{\"event\":\"end\",\"exit_code\":0}", answer(stdout, workerEvents));
        assertTrue(session.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, session.exitValue());
        assertTrue(workerEvents.stream().anyMatch(line -> line.contains("\"event\":\"worker_started\"")), workerEvents.toString());
    }

    /** The next answer line; worker_started/worker_exited events, which come when they happen, are set aside. */
    private static String answer(BufferedReader stdout, List<String> workerEvents) throws IOException {
        for (String line; (line = stdout.readLine()) != null; ) {
            if (!line.contains("\"event\":\"worker_")) {
                return line;
            }
            workerEvents.add(line);
        }
        return null;
    }

    @Test
    void serveAndItsClients() throws Exception {
        Path state = dir.resolve("state");
        Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
        Process none = start(env, "status", "f1");
        assertTrue(none.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, none.exitValue(), "no daemon answers");

        Process serve = startServe(env, state, "-j2");
        String id = client(env, 0, "submit", "square", "9");
        assertEquals("f1", id);
        assertEquals("81", client(env, 0, "result", id));
        assertEquals("finished", client(env, 0, "status", id));
        String failing = client(env, 0, "submit", "fail", "boom");
        client(env, 1, "result", failing);
        String slow = client(env, 0, "submit", "sleep", "2"); // shutdown waits for it: thread tasks run to their end
        client(env, 124, "result", slow, "--timeout", "0.1");
        client(env, 2, "result", "f404");
        client(env, 0, "shutdown", "--cancel-futures");
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, serve.exitValue());
    }

    /**
     * The daemon killed with SIGKILL in the middle of a batch, then started again on the same
     * state directory: the finished result is kept, the work that never started runs, the work
     * that was running is reported lost, ids go on, and --on-done saw every outcome once.
     */
    @Test
    void serveSurvivesKillNineMidBatch() throws Exception {
        Path state = dir.resolve("state");
        Path gate = dir.resolve("gate");
        Path running = Files.createDirectories(dir.resolve("running"));
        Path doneLog = dir.resolve("done.log");
        Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
        String onDone = "echo \"$FUTURE_ID $FUTURE_STATUS $FUTURE_EXIT_CODE $FUTURE_ERROR_TYPE\" >> '" + doneLog + "'";
        // The first daemon dies while f1's hook runs: the restart runs that hook again (at least once).
        String hangsOnF1 = onDone + "; [ \"$FUTURE_ID\" != f1 ] || sleep 300";
        String blocked = "echo $$ > '" + running + "'/$1; while [ ! -e '" + gate + "' ]; do sleep 0.05; done";
        try {
            Process first = startServe(env, state, "-j2", "--on-done", hangsOnF1);
            assertEquals("f1", client(env, 0, "submit", "sh", "echo fast"));
            assertEquals("fast", client(env, 0, "result", "f1"));
            assertEquals("f2", client(env, 0, "submit", "sh", blocked, "f2"));
            assertEquals("f3", client(env, 0, "submit", "sh", blocked, "f3"));
            assertEquals("f4", client(env, 0, "submit", "sh", "echo pending four"));
            assertEquals("f5", client(env, 0, "submit", "sh", "exit 7"));
            awaitFiles(running, 2);
            awaitLine(doneLog, "f1 ok 0 ");
            List<Long> commands = awaitPids(running, 2);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
            assertNoSurvivors(commands); // the reaper ends the daemon's commands

            Process second = startServe(env, state, "-j2", "--on-done", onDone);
            assertEquals("fast", client(env, 0, "result", "f1"), "a finished result survives");
            client(env, 1, "result", "f2");
            assertTrue(Files.readString(dir.resolve("stderr")).contains("WorkLostError"), "running work is reported lost");
            assertEquals("pending four", client(env, 0, "result", "f4"), "work that never started runs after the restart");
            client(env, 1, "result", "f5");
            // Past every id the first daemon handed out; a crash skips the rest of its reserved block.
            String six = client(env, 0, "submit", "echo", "six");
            assertTrue(six.matches("f\\d+") && Long.parseLong(six.substring(1)) > 5, "ids are never reused: " + six);
            assertEquals("f1\nf4\n" + six, client(env, 0, "wait", "f1", "f4", six));
            assertEquals("f2\nf3\nf5", client(env, 1, "wait", "--return-when", "FIRST_EXCEPTION", "f2", "f3", "f5"));
            String order = client(env, 1, "as-completed", "f4", "f2");
            assertEquals(Set.of("f2", "f4"), Set.copyOf(List.of(order.split("\n"))));
            client(env, 0, "shutdown");
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue());
            assertEquals(Stream.of("f1 ok 0 ", "f1 ok 0 ", "f2 error  WorkLostError", "f3 error  WorkLostError", "f4 ok 0 ",
                    "f5 error 7 CommandFailed", six + " ok  ").sorted().toList(), Files.readAllLines(doneLog).stream().sorted().toList());
        } finally {
            Files.writeString(gate, "open"); // the first daemon's orphaned commands end on their own
        }
    }

    /**
     * SIGTERM stops the daemon within seconds (exit 143) and kills its running commands; the
     * journal keeps the killed work as lost and the pending work for the next start.
     */
    @Test
    void serveOnSigtermKillsRunningWorkAndKeepsPendingWorkForTheNextStart() throws Exception {
        Path state = dir.resolve("state");
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
        Process first = startServe(env, state, "-j1");
        assertEquals("f1", client(env, 0, "submit", "sh", "echo $$ > '" + pids + "/f1'; sleep 60"));
        assertEquals("f2", client(env, 0, "submit", "sh", "echo pending two"));
        List<Long> running = awaitPids(pids, 1);
        long sent = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(first.pid())).start().waitFor();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, first.exitValue());
        assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(20), "SIGTERM did not wait for the 60 s task");
        assertNoSurvivors(running);

        Process second = startServe(env, state, "-j1");
        client(env, 1, "result", "f1");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("WorkLostError"), "killed work is reported lost");
        assertEquals("pending two", client(env, 0, "result", "f2"), "pending work runs after the restart");
        client(env, 0, "shutdown");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());
    }

    @Test
    void serveRefusesNoTokenOffLoopbackAndASecondDaemonOnOneStateDir() throws Exception {
        Path state = dir.resolve("state");
        Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
        client(env, 2, "serve", "--listen", "0.0.0.0:0", "--no-token");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("without a token"));
        client(env, 2, "serve", "--listen", "127.0.0.1:0", "--keep-finished", "never");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("--keep-finished: invalid duration 'never'"));
        client(env, 2, "serve", "--listen", "127.0.0.1:0", "--retries", "2");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("--retries applies to map and run"));
        client(env, 2, "serve", "--listen", "127.0.0.1:99999");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("--listen wants HOST:PORT (a port from 0 to 65535)"));
        client(env, 2, "serve", "--listen", "127.0.0.1:0", "--state-dir", "/etc/passwd/state");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("cannot use the state directory /etc/passwd/state"));
        // A state directory others can read (the journal holds every task's arguments) is made private.
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path token = Files.writeString(dir.resolve("secret-token"), "s3cret\n");
        Process serve = startServe(env, state, "--token-file", token.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)),
                "the state directory is private with a token from elsewhere too");
        client(env, 2, "serve", "--listen", "127.0.0.1:0");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("another 'futures serve' uses the state directory"));
        client(env, 0, "shutdown", "--token-file", token.toString());
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
    }

    /**
     * With the daemon's defaults, 64 connections that send half a request and then nothing
     * (slowloris) and 64 long polls on work that does not finish leave it answering everyone
     * else: /healthz, and a client's status call. Before, 64 request threads were all held.
     */
    @Test
    void slowClientsAndLongPollsStarveNoOne() throws Exception {
        Path state = dir.resolve("state");
        Path gate = dir.resolve("gate");
        Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
        Process serve = startServe(env, state, "-j1");
        String base = Files.readString(state.resolve("address")).strip();
        URI uri = URI.create(base);
        String token = Files.readString(state.resolve("token")).strip();
        String id = client(env, 0, "submit", "sh", "while [ ! -e '" + gate + "' ]; do sleep 0.05; done");
        List<Socket> slow = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket(uri.getHost(), uri.getPort());
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                polls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/futures/" + id
                        + "/result?timeout=120")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/healthz")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("running", client(env, 0, "status", id));
            Files.writeString(gate, "open");
            for (var poll : polls) {
                assertEquals(200, poll.get(60, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            Files.writeString(gate, "open");
            for (Socket socket : slow) {
                socket.close();
            }
        }
        client(env, 0, "shutdown");
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
    }

    /** A client never hands the token to a server that cannot prove it is the daemon: one line, exit 3. */
    @Test
    void aClientSendsNoTokenToAPortSquatter() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("token"), "the-real-token\n");
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Files.writeString(state.resolve("address"), "http://127.0.0.1:" + squatter.getLocalPort() + "\n");
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
                StringBuilder all = new StringBuilder();
                try {
                    while (true) {
                        try (Socket socket = squatter.accept()) {
                            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                    StandardCharsets.US_ASCII));
                            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                                all.append(line).append('\n');
                            }
                            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnull"
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                } catch (IOException closed) {
                    return all.toString();
                }
            });
            Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
            client(env, 3, "status", "f1");
            String stderr = Files.readString(dir.resolve("stderr")).strip();
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.contains("did not prove it is the daemon"), stderr);
            squatter.close();
            assertFalse(heard.get(30, TimeUnit.SECONDS).contains("the-real-token"), "the token went to the squatter");
        }
    }

    /** Two daemons started at once on a fresh state directory: one refuses, the other's token is the file's. */
    @Test
    void twoDaemonsRacingOnAFreshStateDirAgreeOnTheToken() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path state = dir.resolve("state-" + round);
            Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
            Process one = start(env, dir.resolve("one.stderr"), "serve", "--listen", "127.0.0.1:0");
            Process two = start(env, dir.resolve("two.stderr"), "serve", "--listen", "127.0.0.1:0");
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (one.isAlive() && two.isAlive()) { // the one that did not get the lock exits at once
                assertTrue(System.nanoTime() < giveUp, "neither refused");
                Thread.onSpinWait();
            }
            Process loser = one.isAlive() ? two : one;
            assertTrue(loser.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, loser.exitValue(), "one of them refuses the directory");
            while (!Files.exists(state.resolve("address")) || Files.readString(state.resolve("address")).isBlank()) {
                assertTrue(System.nanoTime() < giveUp, "the survivor never listened");
                Thread.onSpinWait();
            }
            assertEquals("f1", client(env, 0, "submit", "echo", "x"), "the survivor takes the token in the file");
            client(env, 0, "shutdown");
            Process survivor = loser == one ? two : one;
            assertTrue(survivor.waitFor(60, TimeUnit.SECONDS));
        }
    }

    /** A start that cannot listen (the port is taken) exits 2 before the journal's pending work runs. */
    @Test
    void serveBindsBeforeItRunsTheJournalsPendingWork() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path marker = dir.resolve("ran");
        Files.writeString(state.resolve("journal.jsonl"), "{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"sh\",\"args\":[\"touch '"
                + marker + "'\"]}\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
            client(env, 2, "serve", "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertTrue(Files.readString(dir.resolve("stderr")).contains("futures serve: cannot listen on 127.0.0.1:"),
                    Files.readString(dir.resolve("stderr")));
        }
        assertFalse(Files.exists(marker), "the pending work ran although the daemon never served");
    }

    /**
     * The daemon restarted on a full volume (a 64 KiB tmpfs, filled up): it starts on the journal
     * as it is, keeps its finished results, refuses a submit it cannot record (exit 3, one line)
     * and never runs it, and takes submits again by itself once there is room. Needs root to
     * mount; skipped elsewhere.
     */
    @Test
    void serveOnAFullVolumeStartsRefusesWhatItCannotRecordAndRecoversByItself() throws Exception {
        try (dev.futures.FullVolume volume = dev.futures.FullVolume.mount(dir.resolve("volume"))) {
            Path state = volume.path().resolve("state");
            Map<String, String> env = Map.of("FUTURES_STATE_DIR", state.toString());
            Process first = startServe(env, state, "-j1");
            assertEquals("f1", client(env, 0, "submit", "echo", "kept"));
            assertEquals("kept", client(env, 0, "result", "f1"));
            client(env, 0, "shutdown");
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
            String address = Files.readString(state.resolve("address")).strip();
            String port = address.substring(address.lastIndexOf(':') + 1);

            volume.fill();
            Process serve = start(env, dir.resolve("serve.stderr"), "serve", "--listen", "127.0.0.1:" + port, "-j1");
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"finished".equals(statusOrNull(env, "f1"))) {
                assertTrue(System.nanoTime() < giveUp && serve.isAlive(), "the daemon never served on a full volume: "
                        + Files.readString(dir.resolve("serve.stderr")));
            }
            assertTrue(Files.readString(dir.resolve("serve.stderr")).contains("appending to it as it is"));
            Path marker = dir.resolve("refused-ran");
            String big = "x".repeat(16_000); // past the slack of the journal's last page
            client(env, 3, "submit", "sh", "touch '" + marker + "' # " + big);
            assertEquals("futures submit: cannot write the journal: No space left on device",
                    Files.readString(dir.resolve("stderr")).strip());

            Files.delete(volume.filler());
            String id = client(env, 0, "submit", "echo", "after");
            assertEquals("after", client(env, 0, "result", id));
            client(env, 0, "shutdown");
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, serve.exitValue());
            assertFalse(Files.exists(marker), "a submit the journal refused ran");
        }
    }

    /** The status of a future, or null while no daemon answers. */
    private String statusOrNull(Map<String, String> env, String id) throws Exception {
        Process process = start(env, "status", id);
        process.getOutputStream().close();
        String out = stdout(process).strip();
        return process.exitValue() == 0 ? out : null;
    }

    /** Starts the daemon on a free port and waits until it wrote its address. */
    private Process startServe(Map<String, String> env, Path state, String... options) throws IOException {
        Path address = state.resolve("address");
        Files.deleteIfExists(address);
        List<String> args = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0"));
        args.addAll(List.of(options));
        // Its own stderr file: the clients' runs overwrite dir/stderr.
        Process serve = start(env, dir.resolve("serve.stderr"), args.toArray(String[]::new));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(address) || Files.readString(address).isBlank()) {
            assertTrue(System.nanoTime() < giveUp && serve.isAlive(), "the daemon never listened");
            Thread.onSpinWait();
        }
        return serve;
    }

    private static void awaitLine(Path file, String line) throws IOException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) || !Files.readAllLines(file).contains(line)) {
            assertTrue(System.nanoTime() < giveUp, "never written: " + line);
            Thread.onSpinWait();
        }
    }

    /** Runs a client command, checks its exit code, returns its stdout without the newline. */
    private String client(Map<String, String> env, int exitCode, String... args) throws Exception {
        Process process = start(env, args);
        process.getOutputStream().close();
        String out = stdout(process);
        assertEquals(exitCode, process.exitValue(), String.join(" ", args) + ": " + Files.readString(dir.resolve("stderr")));
        return out.strip();
    }

    /**
     * A million inputs through a 16 MiB heap: nothing may be kept per input (a list of done
     * sequence numbers once was, and ran out of heap after about two million).
     */
    @Test
    void mapOverAMillionInputsRunsInConstantMemory() throws Exception {
        int inputs = 1_000_000;
        Process map = start(Map.of("FUTURES_JAVA_OPTS", "-Xmx16m"), "map", "-j2", "--task", "echo");
        Thread feeder = new Thread(() -> {
            try (OutputStream stdin = new BufferedOutputStream(map.getOutputStream(), 1 << 16)) {
                byte[] line = "1\n".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < inputs; i++) {
                    stdin.write(line);
                }
            } catch (IOException e) {
                // the map died: its exit code below says why
            }
        });
        feeder.start();
        long lines;
        try (var out = new BufferedReader(new InputStreamReader(map.getInputStream(), StandardCharsets.US_ASCII))) {
            lines = out.lines().count();
        }
        feeder.join();
        assertTrue(map.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, map.exitValue(), Files.readString(dir.resolve("stderr")));
        assertEquals(inputs, lines);
    }

    /**
     * A command that exits without reading its stdin ({@code --pipe} into {@code true}) makes
     * the write of its block fail with EPIPE, which is no error of the run: the native
     * executable must not die of SIGPIPE there (it did once programs started through posix_spawn,
     * until it caught the signal as the JVM does).
     */
    @Test
    void aCommandThatReadsNoStdinDoesNotKillTheRun() throws Exception {
        Path inputs = Files.writeString(dir.resolve("inputs"), ("y".repeat(1023) + "\n").repeat(400)); // 400 KB
        Process process = new ProcessBuilder(EXECUTABLE, "map", "-j2", "--pipe", "--block", "200k", "true")
                .redirectInput(inputs.toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        started.add(process);
        assertEquals("", stdout(process));
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr")));
    }

    /**
     * A closed stdout ends the run as it ends GNU parallel and xargs ({@code seq 20000 | futures
     * map ... | head -n 3}): no new job starts, nothing more is printed, and the exit status is
     * a SIGPIPE death's, 141. {@code how} is the verb and output: map in text and JSON lines,
     * run, and the session's map.
     */
    @ParameterizedTest
    @ValueSource(strings = {"map", "map-jsonl", "run", "session"})
    void aClosedStdoutEndsTheRunWithoutStartingTheRest(String how) throws Exception {
        Path ran = dir.resolve("ran");
        String job = "echo {} >> " + ran + "; echo {}";
        StringBuilder input = new StringBuilder();
        List<String> args = new ArrayList<>(List.of(EXECUTABLE));
        switch (how) {
            case "map", "map-jsonl" -> {
                args.addAll(List.of("map", "-j2", "--output", how.equals("map") ? "text" : "jsonl", "sh", "-c", job));
                for (int i = 1; i <= 20_000; i++) {
                    input.append(i).append('\n');
                }
            }
            case "run" -> {
                args.addAll(List.of("run", "-j2"));
                for (int i = 1; i <= 20_000; i++) {
                    input.append(job.replace("{}", String.valueOf(i))).append('\n');
                }
            }
            default -> {
                args.addAll(List.of("session", "-j2"));
                input.append("{\"op\":\"map\",\"task\":\"sh\",\"inputs\":[");
                for (int i = 1; i <= 20_000; i++) {
                    input.append(i == 1 ? "" : ",").append('"').append(job.replace("{}", String.valueOf(i))).append('"');
                }
                input.append("]}\n");
            }
        }
        Path inputs = Files.writeString(dir.resolve("inputs"), input);
        Process process = new ProcessBuilder(args).redirectInput(inputs.toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        started.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            assertTrue(out.readLine() != null, "fewer than three lines");
        }
        out.close(); // what head does after its third line
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), how + " went on after its stdout was closed");
        assertEquals(141, process.exitValue(), Files.readString(dir.resolve("stderr")));
        long jobs;
        try (var lines = Files.lines(ran)) {
            jobs = lines.count();
        }
        assertTrue(jobs < 2_000, how + ": " + jobs + " of 20000 jobs ran");
        assertEquals("", Files.readString(dir.resolve("stderr")));
    }

    /** The build trained a class-data archive for this JDK and the launcher maps it. */
    @Test
    void theLauncherStartsFromTheBuildsClassDataArchive() throws Exception {
        assumeTrue(System.getProperty("native.image.path") == null,
                "the native executable runs no JVM, so it has no class-data archive to map");
        Path log = dir.resolve("classes.log");
        Process version = start(Map.of("FUTURES_JAVA_OPTS", "-Xlog:class+load:file=" + log), "--version");
        assertTrue(stdout(version).startsWith("futures "));
        assertEquals(0, version.exitValue(), Files.readString(dir.resolve("stderr")));
        String loaded = Files.readAllLines(log).stream().filter(line -> line.contains(" dev.futures.cli.FuturesCommand "))
                .findFirst().orElseThrow();
        assertTrue(loaded.contains("source: shared objects file"), loaded);
    }

    @Test
    void runReadsCommandLinesFromStdin() throws Exception {
        Process process = start("run", "-j2");
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("echo first\necho second | tr a-z A-Z\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("first\nSECOND\n", stdout(process));
        assertEquals(0, process.exitValue());
    }

    @Test
    void defaultsComeFromTheEnvironment() throws Exception {
        Process badWorkers = start(Map.of("FUTURES_WORKERS", "0"), "map", "echo", ":::", "a");
        badWorkers.getOutputStream().close();
        assertEquals("", stdout(badWorkers));
        assertEquals(2, badWorkers.exitValue());
        assertEquals("futures map: FUTURES_WORKERS must be at least 1, got 0\n", Files.readString(dir.resolve("stderr")));

        Process otherShell = start(Map.of("FUTURES_SHELL", "/bin/echo"), "run", "from the configured shell");
        otherShell.getOutputStream().close();
        assertEquals("-c from the configured shell\n", stdout(otherShell));
    }

    @Test
    void workerModeSkipsQuarkusAndEndsWhenStdinCloses() throws Exception {
        // Quarkus' own start-up lines forced on: worker mode must not boot the application at all.
        Process worker = start(Map.of("FUTURES_JAVA_OPTS", "-Dquarkus.log.category.\"io.quarkus\".level=INFO"),
                "worker");
        OutputStream stdin = worker.getOutputStream();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        stdin.write("{\"type\":\"hello\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        assertTrue(stdout.readLine().startsWith("{\"type\":\"ready\""));
        stdin.write("{\"type\":\"call\",\"id\":1,\"task\":\"square\",\"chunk\":[[12]]}\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        assertEquals("{\"type\":\"result\",\"id\":1,\"values\":[144]}", stdout.readLine());
        stdin.close(); // the parent is gone
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, worker.exitValue());
        assertEquals("", Files.readString(dir.resolve("stderr")), "no Quarkus start-up in worker mode");
    }

    @Test
    void sigtermTerminatesRunningTasksExits143AndLeavesNoProcessBehind() throws Exception {
        for (String pool : new String[] {"thread", "process"}) {
            Path pids = Files.createDirectories(dir.resolve("pids-" + pool));
            // Each task ignores SIGTERM (and so does its child), records its shell's pid and that
            // of the child, then waits for ever: only the escalation to SIGKILL ends them.
            Process process = start("map", "--pool", pool, "-j2", "sh", "-c", "trap '' TERM; "
                    + "sleep 300 & echo $! > " + pids + "/{}.child; echo $$ > " + pids + "/{}.shell; wait", ":::", "a", "b", "c");
            process.getOutputStream().close();
            List<Long> recorded = awaitPids(pids, 4);
            ProcessHandle.of(process.pid()).orElseThrow().destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(143, process.exitValue(), pool);
            assertNoSurvivors(recorded);
            assertFalse(Files.exists(pids.resolve("c.shell")), "pending work was cancelled");
        }
    }

    /**
     * SIGKILL leaves no handler to run: the reaper script sees its pipe close and kills every
     * process of the run, the tasks' children and the process pool's workers included.
     */
    @Test
    void sigkillOfTheRunLeavesNoProcessBehind() throws Exception {
        for (String pool : new String[] {"thread", "process"}) {
            Path pids = Files.createDirectories(dir.resolve("pids-" + pool));
            Process process = start("map", "--pool", pool, "-j2", "sh", "-c",
                    "sleep 300 & echo $! > " + pids + "/{}.child; echo $$ > " + pids + "/{}.shell; wait", ":::", "a", "b");
            process.getOutputStream().close();
            List<Long> recorded = new ArrayList<>(awaitPids(pids, 4));
            process.descendants().forEach(child -> recorded.add(child.pid())); // workers too
            process.destroyForcibly();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertNoSurvivors(recorded);
        }
    }

    /** A task that daemonizes a grandchild ({@code setsid cmd &}) leaves its tree; the run's end still finds it. */
    @Test
    void aDaemonizedGrandchildEndsWithTheRun() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Process process = start("map", "sh", "-c", "setsid sleep 300 >/dev/null 2>&1 & echo $! > " + pids + "/{}", ":::", "a");
        process.getOutputStream().close();
        assertEquals("", stdout(process));
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr")));
        assertNoSurvivors(awaitPids(pids, 1));
    }

    /** A worker busy in a task notices its parent's end (stdin closes) and takes the task's processes with it. */
    @Test
    void aBusyWorkerWhoseParentIsGoneExitsWithItsTask() throws Exception {
        Path pid = dir.resolve("task.pid");
        Process worker = start("worker");
        OutputStream stdin = worker.getOutputStream();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        stdin.write("{\"type\":\"hello\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        assertTrue(stdout.readLine().startsWith("{\"type\":\"ready\""));
        stdin.write(("{\"type\":\"call\",\"id\":1,\"task\":\"sh\",\"chunk\":[[\"echo $$ > " + pid
                + "; sleep 300\"]]}\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        List<Long> task = awaitPids(dir, pid, 1);
        stdin.close(); // the parent is gone
        assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker outlived its parent");
        assertNoSurvivors(task);
    }

    @Test
    void aFirstSigintLetsRunningTasksFinishAndCancelsTheRest() throws Exception {
        Path gate = dir.resolve("gate");
        Path started = Files.createDirectories(dir.resolve("started"));
        Process process = start("map", "-j2", "sh", "-c", "touch " + started + "/{}; "
                + "while [ ! -e " + gate + " ]; do sleep 0.01; done; echo finished {}", ":::", "1", "2", "3", "4");
        process.getOutputStream().close();
        awaitFiles(started, 2);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        Files.createFile(gate); // the running tasks may finish now
        assertEquals("finished 1\nfinished 2\n", stdout(process));
        assertEquals(130, process.exitValue());
        assertEquals(2, Files.list(started).count(), "tasks 3 and 4 never started");
        assertTrue(Files.readString(dir.resolve("stderr")).contains("interrupted by SIGINT after 2 tasks finished"));
    }

    /** The interrupted event tells the signal as it arrives, before the results still running. */
    @Test
    void theInterruptedEventComesWhenTheSignalArrives() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Path go = dir.resolve("go");
        Process process = start("map", "-j1", "--output", "jsonl", "sh", "-c",
                "echo $$ > " + pids + "/{}; while [ ! -e '" + go + "' ]; do sleep 0.01; done; echo done-{}", ":::", "a", "b");
        process.getOutputStream().close();
        awaitPids(pids, 1);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.contains("\"event\":\"interrupted\"")) {
                    Files.createFile(go); // only now may the running task finish
                }
            }
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, process.exitValue());
        int interrupted = indexOf(lines, "\"event\":\"interrupted\"");
        int result = indexOf(lines, "done-a");
        assertTrue(interrupted >= 0 && result > interrupted, String.join("\n", lines));
        assertEquals(1, lines.stream().filter(line -> line.contains("\"interrupted\"")).count(), "once");
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** On JDK 17 and 25 (where installed) alike: the OS's reason, nothing of the JDK's wording. */
    @Test
    void aProgramThatCannotRunHasTheSameOneLineReasonOnEveryJdk() throws Exception {
        List<String> homes = new ArrayList<>(List.of(System.getProperty("java.home")));
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jvms.filter(home -> home.getFileName().toString().contains("25") && Files.isExecutable(home.resolve("bin/java")))
                    .findFirst().ifPresent(home -> homes.add(home.toString()));
        } catch (IOException noJvmDirectory) {
            // only the JDK running the tests
        }
        for (String home : homes) {
            Process process = start(Map.of("JAVA_HOME", home), "map", "no-such-program-x", ":::", "a");
            process.getOutputStream().close();
            stdout(process);
            assertEquals(1, process.exitValue(), home);
            assertTrue(Files.readString(dir.resolve("stderr")).contains(
                    "cannot run 'no-such-program-x': No such file or directory\n"), home + ": " + Files.readString(dir.resolve("stderr")));
        }
    }

    /** The same for --task jobs that run processes: on the thread pool they once hung the run. */
    @Test
    void sigtermTerminatesTasksThatRunProcessesOnBothPools() throws Exception {
        for (String pool : new String[] {"thread", "process"}) {
            Path pids = Files.createDirectories(dir.resolve("task-pids-" + pool));
            List<String> args = new ArrayList<>(List.of("map", "--pool", pool, "-j2", "--task", "sh", ":::"));
            for (String name : new String[] {"a", "b"}) {
                args.add("trap '' TERM; sleep 300 & echo $! > " + pids + "/" + name + ".child; echo $$ > " + pids + "/"
                        + name + ".shell; wait");
            }
            Process process = start(args.toArray(String[]::new));
            process.getOutputStream().close();
            List<Long> recorded = awaitPids(pids, 4);
            ProcessHandle.of(process.pid()).orElseThrow().destroy(); // SIGTERM
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), pool + ": the run hung after SIGTERM");
            assertEquals(143, process.exitValue(), pool);
            assertNoSurvivors(recorded);
        }
    }

    @Test
    void aSecondSigintKillsRunningTasks() throws Exception {
        Path pids = Files.createDirectories(dir.resolve("pids"));
        Process process = start("map", "-j2", "sh", "-c", "echo $$ > " + pids + "/{}; sleep 300", ":::", "1", "2");
        process.getOutputStream().close();
        List<Long> recorded = awaitPids(pids, 2);
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, process.exitValue());
        assertNoSurvivors(recorded);
    }

    /**
     * A task killed while it forks ({@code --then kill} the moment the race is decided) takes
     * every process it started with it, also one forked between the listing of its descendants
     * and the kill: natively each command has a process group of its own and the whole group is
     * signalled. (The JDK cannot give a command a group of its own without exec'ing setsid, so on
     * the JVM such a straggler lives until the run ends and the run's reaper kills it.)
     */
    @Test
    void aKilledTaskTakesWhatItWasForkingWithIt() throws Exception {
        assumeTrue(System.getProperty("native.image.path") != null,
                "the JVM build signals a command's listed descendants, not a process group of its own");
        Process process = start("map", "-j2", "--return-when", "FIRST_COMPLETED", "--then", "kill", "sh", "-c",
                "[ {} = fast ] && echo {} && exit 0; while :; do sleep 300 & done", ":::", "forks", "fast");
        process.getOutputStream().close();
        assertEquals("fast\n", stdout(process)); // a straggler holding the task's stdout would hang this
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr")));
    }

    @Test
    void withProcessGroupsTasksRunInSessionsOfTheirOwn() throws Exception {
        // What a terminal gets by default (FUTURES_PROCESS_GROUPS=auto with a controlling tty).
        Process process = start(Map.of("FUTURES_PROCESS_GROUPS", "always"), "map", "-j2",
                "sh", "-c", "ps -o sid= -p $$", ":::", "a", "b");
        process.getOutputStream().close();
        String sessions = stdout(process);
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr")));
        String ours = sessionOf(ProcessHandle.current().pid());
        List<String> ids = sessions.lines().map(String::trim).toList();
        assertEquals(2, ids.size(), sessions);
        assertFalse(ids.contains(ours), "tasks are not in the caller's session: " + ids + " vs " + ours);
        assertFalse(ids.get(0).equals(ids.get(1)), "each task leads its own session: " + ids);
    }

    private static String sessionOf(long pid) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-o", "sid=", "-p", Long.toString(pid)).start();
        String sid = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ps.waitFor();
        return sid;
    }

    private static void assertNoSurvivors(List<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived");
        }
    }

    private static void awaitFiles(Path directory, int count) throws IOException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var files = Files.list(directory)) {
                if (files.count() >= count) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < giveUp, "tasks never started");
            Thread.onSpinWait();
        }
    }

    /** Waits (on the file system, as the tasks write it) until {@code count} non-empty pid files exist. */
    private static List<Long> awaitPids(Path pids, int count) throws Exception {
        return awaitPids(pids, null, count);
    }

    /** The same, for the files of {@code pids} named {@code only} (null: all of them). */
    private static List<Long> awaitPids(Path pids, Path only, int count) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<Long> found = new ArrayList<>();
            try (var files = Files.list(pids)) {
                for (Path file : files.filter(file -> only == null || file.equals(only)).toList()) {
                    String text = Files.readString(file).trim();
                    if (!text.isEmpty()) {
                        found.add(Long.parseLong(text));
                    }
                }
            }
            if (found.size() == count) {
                return found;
            }
            assertTrue(System.nanoTime() < giveUp, "tasks never started: " + found);
            Thread.onSpinWait();
        }
    }
}
