package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.futures.protocol.NdjsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container sidecar in real containers: {@code Dockerfile.native} built on the base image
 * CI makes with debootstrap ({@code FUTURES_TEST_BASE_IMAGE}; no registry is reached, every run
 * says {@code --pull never} and {@code --network none}, or joins another container's network
 * namespace as containers of one pod share one). Needs the native executable and a Docker
 * daemon; skipped with the reason elsewhere ({@code .ci/run} has both in its native stage).
 */
@Timeout(600)
class ContainerIT {
    private static final String BASE = System.getenv("FUTURES_TEST_BASE_IMAGE");
    private static final String RUNNER = System.getProperty("native.image.path");
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = "futures-it:" + RUN_ID;

    @TempDir
    static Path context;

    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @BeforeAll
    static void buildTheImage() throws Exception {
        assumeTrue(RUNNER != null && Files.isExecutable(Path.of(RUNNER)), "needs the native executable (-Dnative)");
        assumeTrue(docker(30, "info").exit() == 0, "no Docker daemon answers");
        assumeTrue(BASE != null, "FUTURES_TEST_BASE_IMAGE names no base image (.ci/run makes one with debootstrap)");
        // The build context the Dockerfile expects: target/*-runner beside it.
        Files.createDirectories(context.resolve("target"));
        Files.copy(Path.of(RUNNER), context.resolve("target").resolve(Path.of(RUNNER).getFileName()));
        Files.copy(Path.of("Dockerfile.native"), context.resolve("Dockerfile.native"));
        Files.copy(Path.of(".dockerignore"), context.resolve(".dockerignore"));
        Outcome built = docker(300, "build", "-q", "-f", context.resolve("Dockerfile.native").toString(),
                "--build-arg", "BASE=" + BASE, "-t", IMAGE, context.toString());
        assertEquals(0, built.exit(), "Dockerfile.native builds with a plain Docker: " + built.err());
    }

    @AfterAll
    static void removeTheImage() throws Exception {
        if (RUNNER != null && BASE != null) {
            docker(60, "rmi", "-f", IMAGE);
        }
    }

    @AfterEach
    void removeContainersAndVolumes() throws Exception {
        for (String container : containers) {
            docker(60, "rm", "-f", "-v", container);
        }
        for (String volume : volumes) {
            docker(60, "volume", "rm", "-f", volume);
        }
    }

    @Test
    void mapRunsInAContainerAsUser1001WithWorkersThatAreTheExecutableItself() throws Exception {
        Outcome echo = run("map", "-j2", "echo", ":::", "a", "b", "c");
        assertEquals(new Outcome(0, "a\nb\nc\n", ""), echo);
        assertEquals(1, run("map", "sh", "-c", "exit {}", ":::", "0", "3").exit(), "a failed job: exit 1, as outside");
        assertEquals(2, run("map", "--workers", "none", "echo", ":::", "a").exit(), "bad input: exit 2");

        // In a process worker: the user, and what the worker's own command line is.
        Outcome process = run("map", "--pool", "process", "-j1", "sh", "-c",
                "id -u; tr '\\0' ' ' < /proc/$PPID/cmdline", ":::", "x");
        assertEquals(0, process.exit(), process.err());
        String[] lines = process.out().split("\n");
        assertEquals("1001", lines[0]);
        assertTrue(lines[1].startsWith("/usr/local/bin/futures worker"), "the worker is the executable: " + lines[1]);
    }

    @Test
    void theSidecarPatternServesAPodsOtherContainerAndKeepsItsJournalAcrossAStop() throws Exception {
        String volume = volume();
        String daemon = daemon(volume, "-j1");
        // A client container in the daemon's network namespace, the state volume mounted, as in a pod.
        String id = client(daemon, volume, "submit", "sh", "echo hello from the pod").out().strip();
        assertTrue(id.matches("f\\d+"), id);
        assertEquals(new Outcome(0, "hello from the pod\n", ""), client(daemon, volume, "result", id));
        assertEquals(0, client(daemon, volume, "wait", id).exit());

        // curl in the pod's network namespace, with the token from the shared volume.
        String token = Files.readString(mountpoint(volume).resolve("token")).strip();
        Map<String, Object> result = json(curl(daemon, "-H", "Authorization: Bearer " + token,
                "http://127.0.0.1:7700/v1/futures/" + id + "/result"));
        assertEquals("hello from the pod\n", result.get("value"));
        assertTrue(curl(daemon, "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:7700/v1/futures/" + id
                + "/result").equals("401"), "no token, no answer");
        // The kubelet's probes on --health-listen.
        assertEquals("200", curl(daemon, "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:7701/healthz"));
        assertEquals("200", curl(daemon, "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:7701/readyz"));

        // One task runs, one waits; docker stop (SIGTERM) ends the daemon with 143 within its grace.
        String running = client(daemon, volume, "submit", "sh", "sleep 600").out().strip();
        String waiting = client(daemon, volume, "submit", "sh", "echo ran after the restart").out().strip();
        awaitStatus(daemon, volume, running, "running");
        long start = System.nanoTime();
        assertEquals(0, docker(120, "stop", "-t", "30", daemon).exit());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(25), "it ended before docker's SIGKILL");
        assertEquals("143", docker(30, "inspect", "-f", "{{.State.ExitCode}}", daemon).out().strip());

        // A new container on the same volume: the waiting task runs, the running one is reported lost.
        String next = daemon(volume, "-j1");
        assertEquals(new Outcome(0, "ran after the restart\n", ""), client(next, volume, "result", waiting));
        Outcome lost = client(next, volume, "result", running);
        assertEquals(1, lost.exit());
        assertTrue(lost.err().contains("WorkLostError"), lost.err());
        assertEquals(new Outcome(0, "hello from the pod\n", ""), client(next, volume, "result", id), "results survive");
    }

    @Test
    void limitsOfTheContainerAreTheRunsLimits() throws Exception {
        Outcome oneCpu = docker(60, "run", "--rm", "--pull", "never", "--network", "none", "--cpus", "1", IMAGE,
                "map", "--output", "jsonl", "echo", ":::", "a");
        Map<String, Object> start = json(oneCpu.out().lines().findFirst().orElse("{}"));
        assertEquals(1L, start.get("workers"), "under --cpus 1 the default -j is 1: " + oneCpu.out());

        // 100,000 inputs through a 128 MiB container: all printed, never killed for memory.
        String name = "futures-it-mem-" + RUN_ID;
        containers.add(name);
        Path inputs = context.resolve("inputs.txt");
        Files.writeString(inputs, IntStream.rangeClosed(1, 100_000).mapToObj(Integer::toString)
                .collect(Collectors.joining("\n", "", "\n")));
        Outcome big = docker(300, inputs, "run", "-i", "--name", name, "--pull", "never", "--network", "none",
                "--memory", "128m", "--memory-swap", "128m", IMAGE, "map", "--task", "echo");
        assertEquals(0, big.exit(), big.err());
        assertEquals(100_000, big.out().lines().count());
        assertEquals("false", docker(30, "inspect", "-f", "{{.State.OOMKilled}}", name).out().strip());
    }

    @Test
    void aKilledDaemonsRunningWorkIsReportedLostOrRunAgainByTheNextContainer() throws Exception {
        // docker kill (SIGKILL) while a task runs: at most once by default, the next container says it was lost.
        String volume = volume();
        String first = daemon(volume, "-j1");
        String lostId = client(first, volume, "submit", "sh", "sleep 600").out().strip();
        awaitStatus(first, volume, lostId, "running");
        killAndWait(first);
        String second = daemon(volume, "-j1");
        Outcome lost = client(second, volume, "result", lostId);
        assertEquals(1, lost.exit(), lost.toString());
        assertTrue(lost.err().contains("WorkLostError"), lost.err());

        // --rerun-lost: at least once, the next container runs it again.
        String rerunId = client(second, volume, "submit", "sh", "sleep 600").out().strip();
        awaitStatus(second, volume, rerunId, "running");
        killAndWait(second);
        String third = daemon(volume, "-j1", "--rerun-lost");
        awaitStatus(third, volume, rerunId, "running");
        assertFalse(client(third, volume, "status", lostId).out().contains("running"), "what was reported lost stays so");
    }

    private static void killAndWait(String container) throws Exception {
        assertEquals(0, docker(60, "kill", container).exit()); // SIGKILL: no chance to record anything
        docker(60, "wait", container);
    }

    // ------------------------------------------------------------------ helpers

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--pull", "never", "--network", "none", IMAGE));
        command.addAll(List.of(args));
        return docker(120, command.toArray(new String[0]));
    }

    private String volume() throws Exception {
        String name = "futures-it-" + RUN_ID + "-" + volumes.size();
        assertEquals(0, docker(30, "volume", "create", name).exit());
        volumes.add(name);
        return name;
    }

    /** {@code futures serve} in a container of its own, health on every interface, waiting until it is ready. */
    private String daemon(String volume, String... options) throws Exception {
        String name = "futures-it-serve-" + RUN_ID + "-" + containers.size();
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name, "--pull", "never", "--network", "none",
                "-v", volume + ":/state", IMAGE, "serve", "--health-listen", "0.0.0.0:7701"));
        command.addAll(List.of(options));
        Outcome started = docker(60, command.toArray(new String[0]));
        assertEquals(0, started.exit(), started.err());
        containers.add(name);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!curl(name, "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:7701/readyz").equals("200")) {
            assertTrue(System.nanoTime() < giveUp, "the daemon never became ready: " + docker(30, "logs", name));
        }
        return name;
    }

    /** A client container joined to the daemon's network namespace, the state volume mounted. */
    private Outcome client(String daemon, String volume, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--pull", "never", "--network", "container:" + daemon,
                "-v", volume + ":/state", IMAGE));
        command.addAll(List.of(args));
        return docker(120, command.toArray(new String[0]));
    }

    private void awaitStatus(String daemon, String volume, String id, String status) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen;
        while (!(seen = client(daemon, volume, "status", id).out()).contains(status)) {
            assertTrue(System.nanoTime() < giveUp, id + " never became " + status + ": " + seen);
        }
    }

    /** curl in the container's network namespace, as a kubelet's probe or a pod's neighbour reaches it. */
    private static String curl(String container, String... args) throws Exception {
        String pid = docker(30, "inspect", "-f", "{{.State.Pid}}", container).out().strip();
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", pid, "-n", "curl", "-s", "--max-time", "30"));
        command.addAll(List.of(args));
        return exec(command, null, 60).out();
    }

    private static Path mountpoint(String volume) throws Exception {
        return Path.of(docker(30, "volume", "inspect", "-f", "{{.Mountpoint}}", volume).out().strip());
    }

    private static Map<String, Object> json(String line) {
        return new NdjsonCodec().decode(line.strip());
    }

    private static Outcome docker(int seconds, String... args) throws Exception {
        return docker(seconds, null, args);
    }

    private static Outcome docker(int seconds, Path stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return exec(command, stdin, seconds);
    }

    private static Outcome exec(List<String> command, Path stdin, int seconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("container-it", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
            builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took more than " + seconds + " s");
            }
            return new Outcome(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
