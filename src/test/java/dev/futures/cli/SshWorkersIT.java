package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -S} through a real OpenSSH server on loopback (.ci/run installs openssh-server): two
 * "hosts", host1 and host2, are aliases of 127.0.0.1 in an ssh config of the test's own, told
 * apart by a variable each sends (FUTURES_TEST_HOST). The packaged futures is the remote one.
 */
@Timeout(120)
class SshWorkersIT {
    private static final Path EXECUTABLE = Path.of(System.getProperty("futures.executable", "target/futures"))
            .toAbsolutePath();

    @TempDir
    static Path dir;

    private static Process sshd;
    private static Path sshConfig;

    @BeforeAll
    static void startSshd() throws Exception {
        Path sshdBinary = Path.of("/usr/sbin/sshd");
        assertTrue(Files.isExecutable(sshdBinary), "sshd is not installed (.ci/run installs openssh-server)");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("client_key").toString());
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1", "Port " + port, "HostKey " + dir.resolve("host_key"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PidFile " + dir.resolve("sshd.pid"),
                "UsePAM no", "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password", "AcceptEnv FUTURES_TEST_HOST", "MaxStartups 100",
                "MaxSessions 100", ""));
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        // -D: in the foreground, a child of this test, so it is stopped with it.
        sshd = new ProcessBuilder(sshdBinary.toString(), "-D", "-f", config.toString(), "-E", dir.resolve("sshd.log").toString())
                .redirectErrorStream(true).start();
        StringBuilder client = new StringBuilder();
        for (String host : List.of("host1", "host2")) {
            client.append("Host ").append(host).append("\n  HostName 127.0.0.1\n  Port ").append(port)
                    .append("\n  User ").append(System.getProperty("user.name"))
                    .append("\n  IdentityFile ").append(dir.resolve("client_key"))
                    .append("\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n  BatchMode yes")
                    .append("\n  SetEnv FUTURES_TEST_HOST=").append(host).append('\n');
        }
        sshConfig = Files.writeString(dir.resolve("ssh_config"), client.toString());
        // Ready when a login works (sshd binds within moments; a generous 30 s).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run("ssh", "-F", sshConfig.toString(), "host1", "true") != 0) {
            assertTrue(System.nanoTime() < deadline, () -> "sshd did not come up: " + sshdLog());
            Thread.onSpinWait();
        }
    }

    private static String sshdLog() {
        try {
            return Files.readString(dir.resolve("sshd.log")) + new String(sshd.getInputStream().readNBytes(
                    Math.max(0, sshd.getInputStream().available())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @AfterAll
    static void stopSshd() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor();
    }

    /** futures map with the test's ssh config and the packaged futures as the remote one. */
    private static Process map(String... args) throws IOException {
        return mapIn(Path.of(""), args);
    }

    /** The same, started in {@code directory}. */
    private static Process mapIn(Path directory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toAbsolutePath().toString(), "map", "--ssh",
                "ssh -F " + sshConfig, "--remote-futures", EXECUTABLE.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile()).start();
    }

    /** Every worker of the packaged futures, remote or not: none is left from other tests by now. */
    private static List<Long> remoteWorkers() {
        return ProcessWatch.processesWith("quarkus-run.jar worker");
    }

    @Test
    void jobsRunOnEveryHostBySlotsAndNothingRemoteOutlivesTheRun() throws Exception {
        List<Long> before = remoteWorkers();
        // Two jobs that each wait for the other: they can only finish side by side, on the two
        // hosts' one slot each; each prints the host its worker runs on.
        String script = "touch " + dir + "/{}; while [ ! -e " + dir + "/a ] || [ ! -e " + dir + "/b ]; do :; done; "
                + "echo {} $FUTURES_TEST_HOST";
        Process run = map("-S", "1/host1,1/host2", "sh", "-c", script, ":::", "a", "b");
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), err);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out + err);
        assertEquals(Set.of("host1", "host2"), lines.stream().map(l -> l.split(" ")[1]).collect(
                Collectors.toSet()), out);
        assertEquals(before, remoteWorkers(), "a remote worker outlived the run");
    }

    private static void awaitNone(String text) {
        ProcessWatch.awaitNone(text, ProcessWatch.deadline(Duration.ofSeconds(60)));
    }

    private static void awaitFile(Path file) {
        ProcessWatch.awaitFile(file, ProcessWatch.deadline(Duration.ofSeconds(60)));
    }

    @Test
    void killingFuturesEndsTheRemoteWorkerAndItsTask() throws Exception {
        Path started = dir.resolve("remote-task-started");
        // A task that would run for an hour; its sleep's argument marks it among the processes.
        Process run = map("-S", "1/host1", "sh", "-c", "touch " + started + "; sleep 3613", ":::", "x");
        awaitFile(started);
        run.destroyForcibly(); // SIGKILL: futures gets no chance to clean up itself
        run.waitFor(30, TimeUnit.SECONDS);
        awaitNone("sleep 3613");
        awaitNone("quarkus-run.jar worker");
    }

    @Test
    void aRemoteWorkerThatDiesIsADeadWorkerAndWithReplaceTheRunGoesOn() throws Exception {
        Path started = dir.resolve("doomed-started");
        // Job "doomed" kills its own worker (its shell's parent, the remote futures worker).
        String script = "if [ {} = doomed ]; then touch " + started + "; kill -9 $PPID; sleep 60; fi; echo {}";
        Process run = map("-S", "1/host1", "--on-worker-death", "replace", "sh", "-c", script, ":::", "a", "doomed", "b");
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, run.exitValue(), err);
        assertEquals("a\nb\n", out, err);
        assertTrue(err.contains("WorkerDiedError") || err.contains("worker"), err);
        awaitNone("quarkus-run.jar worker");
    }

    @Test
    void aCutConnectionIsADeadWorkerAndItsRemoteWorkerEnds() throws Exception {
        Path started = dir.resolve("cut-started");
        Process run = map("-S", "1/host1", "--on-worker-death", "replace", "sh", "-c",
                "if [ {} = cut ]; then touch " + started + "; sleep 3659; fi; echo {}", ":::", "cut", "after");
        awaitFile(started);
        // The ssh client that carries the worker: cutting it is what a network failure does.
        List<ProcessHandle> ssh;
        try (var descendants = run.toHandle().descendants()) {
            ssh = descendants.filter(p -> p.info().command().map(c -> c.endsWith("/ssh")).orElse(false)).toList();
        }
        assertEquals(1, ssh.size(), "one ssh for one worker");
        ssh.get(0).destroyForcibly();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, run.exitValue(), err);
        assertEquals("after\n", out, "the cut job failed, a new worker ran the next: " + err);
        awaitNone("sleep 3659");
        awaitNone("quarkus-run.jar worker");
    }

    @Test
    void transferReturnAndCleanupMoveEachJobsFilesToItsHostAndBack() throws Exception {
        // The remote worker runs in the login's home directory, not this run's: the input goes
        // there, the command's output comes back, and both are gone from there afterwards.
        Path local = Files.createDirectories(dir.resolve("local"));
        String name = "futures-transfer-" + ProcessHandle.current().pid();
        Files.writeString(local.resolve(name + ".a"), "one\ntwo\n");
        Files.writeString(local.resolve(name + ".b"), "three\n");
        Process run = mapIn(local, "--gnu", "-S", "host1", "--transfer", "--return", "{}.out", "--cleanup",
                "wc -l < {} > {}.out; pwd >> {}.out", ":::", name + ".a", name + ".b");
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        assertEquals(0, run.exitValue(), new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        Path home = Path.of(System.getProperty("user.home")).toRealPath();
        assertEquals("2\n" + home + "\n", Files.readString(local.resolve(name + ".a.out")));
        assertEquals("1\n" + home + "\n", Files.readString(local.resolve(name + ".b.out")));
        for (String left : List.of(".a", ".b", ".a.out", ".b.out")) {
            assertFalse(Files.exists(home.resolve(name + left)), "--cleanup left " + name + left + " on the host");
        }
        assertTrue(Files.exists(local.resolve(name + ".a")), "the local input stays");
    }

    @Test
    void onallRunsEveryJobOnEveryHostAndNonallTheCommandOnce() throws Exception {
        Process onall = map("--gnu", "-k", "--onall", "--tag", "-S", "host1,host2", "echo {} $FUTURES_TEST_HOST", ":::", "a",
                "b");
        assertTrue(onall.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        assertEquals(0, onall.exitValue(), new String(onall.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("host1\ta host1\nhost1\tb host1\nhost2\ta host2\nhost2\tb host2\n",
                new String(onall.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Process nonall = map("--gnu", "--nonall", "-S", "host2,host1,host2", "echo $FUTURES_TEST_HOST");
        assertTrue(nonall.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        assertEquals(0, nonall.exitValue(), new String(nonall.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("host2\nhost1\n", new String(nonall.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                "each host once, named twice or not");
    }

    @Test
    void aLoginFileAndTasksWork() throws Exception {
        Path logins = Files.writeString(dir.resolve("logins"), "# the test's hosts\n2/host1\n");
        Process run = map("--slf", logins.toString(), "--task", "square", ":::", "3", "4");
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("9\n16\n", out);
    }
}
