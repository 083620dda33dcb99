package dev.futures.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BuiltinTasksTest {
    private final TaskRegistry tasks = TaskRegistry.withBuiltIns();

    private Object call(String name, Object... args) throws Exception {
        return tasks.require(name).call(List.of(args));
    }

    @Test
    void shReturnsStdoutAndPassesArgumentsAsPositionalParameters() throws Exception {
        assertEquals("hi\n", call("sh", "echo hi"));
        assertEquals("a b|c\n", call("sh", "echo \"$1|$2\"", "a b", "c"));
    }

    @Test
    void execPassesArgumentsWithoutAShell() throws Exception {
        assertEquals("$HOME *\n", call("exec", "echo", "$HOME", "*"));
    }

    @Test
    void aNonZeroExitIsCommandFailedWithCodeAndStderr() {
        CommandFailed failed = assertThrows(CommandFailed.class, () -> call("sh", "echo oops >&2; exit 3"));
        assertEquals(3, failed.exitCode());
        assertTrue(failed.getMessage().contains("returned non-zero exit status 3."), failed.getMessage());
        assertTrue(failed.getMessage().contains("oops"), failed.getMessage());
    }

    @Test
    void aMissingProgramIsAnIOException() {
        assertThrows(IOException.class, () -> call("exec", "/no/such/program"));
    }

    @Test
    void smallTasks() throws Exception {
        assertEquals("v", call("sleep", "0.001", "v"));
        assertEquals(null, call("sleep", 0));
        assertEquals("x", call("echo", "x"));
        assertEquals(9L, call("square", "3"));
        assertEquals(2.25, call("square", 1.5));
        assertEquals(ProcessHandle.current().pid(), call("pid"));
        RuntimeException failure = assertThrows(RuntimeException.class, () -> call("fail", "boom"));
        assertEquals("boom", failure.getMessage());
    }

    @Test
    void badArgumentsNameTheSignature() {
        TaskArgumentError error = assertThrows(TaskArgumentError.class, () -> call("square", "three"));
        assertTrue(error.getMessage().startsWith("square(n)"), error.getMessage());
        assertThrows(TaskArgumentError.class, () -> call("echo"));
    }

    @Test
    void digestOfAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "abc", StandardCharsets.UTF_8);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", call("digest", file.toString()));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", call("digest", file.toString(), "MD5"));
    }

    @Test
    void stopKillsRunningCommandsAndTheirChildren(@TempDir Path dir) throws Exception {
        CommandRunner runner = new CommandRunner();
        Path pidFile = dir.resolve("child.pid");
        // The shell starts a child and records its pid; both must die.
        CompletableFuture<CommandOutcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(List.of("/bin/sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        long childPid = Long.parseLong(Files.readString(pidFile).trim());
        runner.close();
        CommandOutcome ended = outcome.get(30, TimeUnit.SECONDS);
        assertTrue(ended.exitCode() != 0);
        ProcessHandle.of(childPid).ifPresent(child -> child.onExit().join());
        assertTrue(ProcessHandle.of(childPid).map(ph -> !ph.isAlive()).orElse(true), "child " + childPid + " survived");
        assertThrows(IOException.class, () -> runner.run(List.of("true")), "a stopped runner starts nothing");
    }
}
