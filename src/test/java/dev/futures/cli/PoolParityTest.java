package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.protocol.NdjsonCodec;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: the same run on the thread and the process pool ends the same way: stopping work,
 * outcomes and their fields. Each case runs on both pools.
 */
@QuarkusMainTest
@Timeout(120)
class PoolParityTest {
    private static final NdjsonCodec JSON = new NdjsonCodec();

    @TempDir
    Path dir;

    private static List<Map<String, Object>> events(LaunchResult result, String kind) throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : result.getOutput().lines().toList()) {
            if (!line.startsWith("{")) {
                continue; // a log line and its stack: the test launcher captures them with stdout; the executable writes them on stderr
            }
            Map<String, Object> event = JSON.decode(line);
            if (kind.equals(event.get("event"))) {
                events.add(event);
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> result) {
        return (Map<String, Object>) result.get("error");
    }

    private static void assertGone(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("process " + pid + " of the task outlived its stop", e);
            }
        });
    }

    // ------------------------------------------------------------------ stopping work

    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void taskTimeoutKillsTheProcessesATaskStarted(String pool, QuarkusMainLauncher launcher) throws Exception {
        Path pid = dir.resolve("pid");
        LaunchResult result = launcher.launch("map", "--pool", pool, "--output", "jsonl", "--task-timeout", "1",
                "--task", "sh", ":::", "echo $$ > '" + pid + "'; exec sleep 60");
        List<Map<String, Object>> results = events(result, "result");
        assertEquals(1, results.size(), result.getOutput() + MapCommandTest.stderr(result));
        assertEquals("TaskTimeoutError", error(results.get(0)).get("type"), result.getOutput());
        assertEquals(1, result.exitCode());
        assertGone(pid);
    }

    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void thenKillKillsRunningWorkSilently(String pool, QuarkusMainLauncher launcher) throws Exception {
        Path pid = dir.resolve("pid");
        Path started = dir.resolve("started");
        // The fast one waits until the slow one runs, so the kill finds it running.
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j2", "--output", "jsonl",
                "--return-when", "FIRST_COMPLETED", "--then", "kill", "--task", "sh", ":::",
                "while [ ! -e '" + started + "' ]; do sleep 0.01; done; echo fast",
                "echo $$ > '" + pid + "'; touch '" + started + "'; exec sleep 60");
        List<Map<String, Object>> results = events(result, "result");
        assertEquals(1, results.size(), result.getOutput() + MapCommandTest.stderr(result));
        assertEquals("ok", results.get(0).get("status"));
        assertEquals(1, events(result, "summary").size());
        assertEquals(0, result.exitCode(), result.getOutput() + MapCommandTest.stderr(result));
        assertGone(pid);
    }

    /** A deadline is terminal: the outcome is printed and the run ends, abandoning in-process work. */
    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void aDeadlineEndsTheRunAtOnce(String pool, QuarkusMainLauncher launcher) throws Exception {
        long start = System.nanoTime();
        // A generous deadline: the process pool's workers must start (and run the first) before it.
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j3", "--output", "jsonl", "--timeout", "10",
                "--task", "sleep", ":::", "0", "90", "90");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(124, result.exitCode());
        List<Map<String, Object>> timeouts = events(result, "timeout");
        assertEquals(1, timeouts.size(), result.getOutput());
        assertEquals(2L, ((Number) timeouts.get(0).get("unfinished")).longValue(), result.getOutput());
        assertEquals("2 (of 3) futures unfinished", timeouts.get(0).get("message"), "CPython's text");
        assertTrue(seconds < 60, "the run waited for in-process work after its deadline: " + seconds + " s");
    }

    // ------------------------------------------------------------------ outcomes

    @Test
    void everyTaskABrokenPoolTookGetsItsResult(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j2", "--buffersize", "6", "--output", "jsonl",
                "--task", "exit", ":::", "3", "3", "3", "3", "3", "3");
        List<Map<String, Object>> results = events(result, "result");
        assertEquals(6, results.size(), result.getOutput());
        for (Map<String, Object> each : results) {
            assertEquals("BrokenProcessPool", error(each).get("type"), result.getOutput());
        }
        assertEquals(3, result.exitCode());
    }

    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void aFailedTaskReportsItsOwnType(String pool, QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", pool, "--output", "jsonl", "--task", "sh", ":::", "exit 3");
        Map<String, Object> sh = events(result, "result").get(0);
        assertEquals("CommandFailed", error(sh).get("type"), result.getOutput());
        assertEquals("sh[exit 3]: Command [/bin/sh, -c, exit 3] returned non-zero exit status 3.", error(sh).get("message"));
        assertEquals(3L, sh.get("exit_code"), "a sh task's exit status is a field");

        result = launcher.launch("map", "--pool", pool, "--output", "jsonl", "--task", "fail", ":::", "boom");
        Map<String, Object> fail = events(result, "result").get(0);
        assertEquals("RuntimeException", error(fail).get("type"), result.getOutput());
        assertEquals("fail[boom]: boom", error(fail).get("message"));
        assertFalse(fail.containsKey("exit_code"), "command fields are for commands: " + fail);
        assertFalse(fail.containsKey("stderr"), "command fields are for commands: " + fail);
        assertEquals(1, result.exitCode());
    }

    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void aTaskResultCarriesItsWorkerAndDuration(String pool, QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", pool, "--output", "jsonl", "--task", "sleep", ":::", "0.3");
        Map<String, Object> sleep = events(result, "result").get(0);
        assertNotNull(sleep.get("worker_pid"), result.getOutput());
        long self = ProcessHandle.current().pid();
        if (pool.equals("process")) {
            assertNotEquals(self, ((Number) sleep.get("worker_pid")).longValue(), "the worker's pid, not ours");
        }
        assertTrue(((Number) sleep.get("duration_ms")).longValue() >= 250, "a real duration: " + sleep);
        assertFalse(sleep.containsKey("exit_code"), "command fields are for commands: " + sleep);
        assertEquals(0, result.exitCode());
    }

    // ------------------------------------------------------------------ options the library has

    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void anInitializerRunsOnceInEachWorkerFirst(String pool, QuarkusMainLauncher launcher) throws Exception {
        Path log = dir.resolve("init.log");
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j2", "--output", "jsonl",
                "--initializer", "sh", "--initarg", "echo init >> '" + log + "'", "--task", "echo", ":::", "a", "b", "c", "d");
        assertEquals(0, result.exitCode(), result.getOutput() + MapCommandTest.stderr(result));
        assertEquals(4, events(result, "result").size());
        long inits = Files.readAllLines(log).size();
        assertTrue(inits >= 1 && inits <= 2, "once per worker, at most -j: " + inits);
    }

    @ParameterizedTest(name = "{0} pool")
    @CsvSource({"thread, BrokenThreadPool", "process, BrokenProcessPool"})
    void aFailingInitializerBreaksThePool(String pool, String broken, QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j2", "--output", "jsonl",
                "--initializer", "fail", "--initarg", "no database", "--task", "echo", ":::", "a", "b");
        assertEquals(3, result.exitCode(), result.getOutput() + MapCommandTest.stderr(result));
        List<Map<String, Object>> results = events(result, "result");
        assertEquals(2, results.size(), result.getOutput());
        for (Map<String, Object> each : results) {
            assertEquals(broken, error(each).get("type"));
        }
        if (pool.equals("thread")) { // a worker's own stderr is the test JVM's, out of the launcher's reach
            assertTrue((result.getOutput() + result.getErrorOutput()).contains("Exception in initializer"),
                    result.getErrorOutput());
        }
        assertEquals(1, MapCommandTest.stderr(result).lines().filter(line -> line.startsWith("futures map:")).count());
    }

    @Test
    void badPoolOptionsExit2BeforeAnythingRuns(QuarkusMainLauncher launcher) {
        for (String[] args : new String[][] {
            {"map", "--initializer", "no-such-task", "echo", ":::", "a"},
            {"map", "--initarg", "x", "echo", ":::", "a"},
            {"map", "--on-worker-death", "replace", "echo", ":::", "a"},
            {"map", "--pool", "process", "--on-worker-death", "sometimes", "echo", ":::", "a"},
        }) {
            LaunchResult result = launcher.launch(args);
            assertEquals(2, result.exitCode(), String.join(" ", args));
            assertEquals(1, MapCommandTest.stderr(result).lines().count(), MapCommandTest.stderr(result));
            assertEquals("", result.getOutput());
        }
    }

    @Test
    void onWorkerDeathReplaceFailsOnlyTheDeadWorkersTask(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j1", "--output", "jsonl",
                "--on-worker-death", "replace", "--task", "sh", ":::", "kill -9 $PPID", "echo fine");
        List<Map<String, Object>> results = events(result, "result");
        assertEquals(2, results.size(), result.getOutput());
        assertEquals("WorkerDiedError", error(results.get(0)).get("type"), result.getOutput());
        assertEquals("fine\n", results.get(1).get("value"));
        assertEquals(1, result.exitCode(), "a failed task, not a broken pool");
    }

    /** A value JSON cannot carry fails its own future (the pool going on: SessionHandlerTest). */
    @ParameterizedTest(name = "{0} pool")
    @ValueSource(strings = {"thread", "process"})
    void anUnencodableValueFailsOnlyItsFuture(String pool, QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j1", "--output", "jsonl", "--task", "unencodable",
                ":::", "a");
        Map<String, Object> failed = events(result, "result").get(0);
        assertEquals("EncodingError", error(failed).get("type"), result.getOutput());
        assertEquals("unencodable[a]: cannot encode the result of unencodable: NaN is not a JSON number",
                error(failed).get("message"));
        assertEquals(1, result.exitCode());
    }

    /** --chunksize: inputs travel to a worker N at a time, each with its own result, in order. */
    @Test
    void chunksizeSendsInputsToAWorkerNAtATime(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j2", "--chunksize", "3", "--output", "jsonl",
                "--task", "echo", ":::", "1", "2", "3", "4", "5", "6");
        assertEquals(0, result.exitCode(), result.getOutput() + MapCommandTest.stderr(result));
        List<Map<String, Object>> results = events(result, "result");
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), results.stream().map(r -> r.get("value")).toList());
        // One chunk of six is one call on one worker, although a second worker is there to help:
        // sent one by one, the second worker would take some of the 1.8 s of work.
        result = launcher.launch("map", "--pool", "process", "-j2", "--chunksize", "6", "--output", "jsonl",
                "--task", "sleep", ":::", "0.3", "0.3", "0.3", "0.3", "0.3", "0.3");
        assertEquals(0, result.exitCode(), result.getOutput());
        assertEquals(1, events(result, "result").stream().map(r -> r.get("worker_pid")).distinct().count(),
                result.getOutput());
    }

    @Test
    void badChunksizesExit2WithCPythonsMessageBeforeAnyWorkerStarts(QuarkusMainLauncher launcher) {
        LaunchResult zero = launcher.launch("map", "--pool", "process", "--chunksize", "0", "--task", "echo", ":::", "a");
        assertEquals(2, zero.exitCode());
        assertEquals("futures map: chunksize must be >= 1.", MapCommandTest.stderr(zero).strip());
        assertEquals("", zero.getOutput(), "nothing ran, no worker started");
        for (String[] args : new String[][] {
            {"map", "--chunksize", "2", "--task", "echo", ":::", "a"},
            {"map", "--pool", "process", "--chunksize", "2", "echo", ":::", "a"},
        }) {
            LaunchResult result = launcher.launch(args);
            assertEquals(2, result.exitCode(), String.join(" ", args));
            assertEquals(1, MapCommandTest.stderr(result).lines().count());
        }
    }
}
