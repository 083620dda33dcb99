package dev.futures.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.ThreadPoolExecutor;
import dev.futures.process.ProcessPoolExecutor;
import dev.futures.task.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The session protocol's ops, each answered with DESIGN.md's events. */
@Timeout(120)
class SessionHandlerTest {
    @TempDir
    Path dir;

    private final List<Map<String, Object>> events = new ArrayList<>();
    private SessionHandler session;

    private SessionHandler thread() {
        session = new SessionHandler(TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.discover()), events::add);
        return session;
    }

    private SessionHandler process() {
        session = new SessionHandler(TaskPool.of(ProcessPoolExecutor.builder().maxWorkers(2).build()), events::add);
        return session;
    }

    /** A task that waits for the test's gate: thread-pool tasks cannot be killed, only released. */
    private String blockedArgs() {
        return "\"task\":\"wait_for_file\",\"args\":[\"" + dir.resolve("gate") + "\"]";
    }

    @AfterEach
    void close() throws Exception {
        Files.writeString(dir.resolve("gate"), "open");
        if (session != null) {
            session.handleLine("{\"op\":\"kill_workers\"}");
            session.close();
        }
    }

    /** Sends one request; returns the events it produced. */
    private List<Map<String, Object>> send(String request) {
        int before = events.size();
        session.handleLine(request);
        return List.copyOf(events.subList(before, events.size()));
    }

    private Map<String, Object> one(String request) {
        List<Map<String, Object>> answer = send(request);
        assertEquals(1, answer.size(), answer.toString());
        return answer.get(0);
    }

    @Test
    void submitStateResultAndStats() {
        thread();
        assertEquals(Map.of("event", "submitted", "id", 1L), one("{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[7]}"));
        Map<String, Object> result = one("{\"op\":\"result\",\"id\":1}");
        assertEquals("ok", result.get("status"));
        assertEquals(49L, result.get("value"));
        assertEquals("finished", one("{\"op\":\"state\",\"id\":1}").get("state"));
        one("{\"op\":\"submit\",\"id\":\"f\",\"task\":\"fail\",\"args\":[\"boom\"]}");
        Map<String, Object> failed = one("{\"op\":\"result\",\"id\":\"f\"}");
        assertEquals("error", failed.get("status"));
        assertEquals("boom", ((Map<?, ?>) failed.get("error")).get("message"));
        Map<String, Object> stats = one("{\"op\":\"stats\"}");
        assertEquals(1L, stats.get("done"));
        assertEquals(1L, stats.get("failed"));
    }

    @Test
    void resultWithTimeoutAndWaitWithEachReturnCondition() {
        thread();
        one("{\"op\":\"submit\",\"id\":\"slow\"," + blockedArgs() + "}");
        one("{\"op\":\"submit\",\"id\":\"quick\",\"task\":\"echo\",\"args\":[1]}");
        one("{\"op\":\"submit\",\"id\":\"bad\",\"task\":\"fail\",\"args\":[\"x\"]}");
        Map<String, Object> late = one("{\"op\":\"result\",\"id\":\"slow\",\"timeout\":0.05}");
        assertEquals("timeout", late.get("event"));
        one("{\"op\":\"result\",\"id\":\"quick\"}");
        one("{\"op\":\"result\",\"id\":\"bad\"}");
        Map<String, Object> first = one("{\"op\":\"wait\",\"ids\":[\"slow\",\"quick\"],\"return_when\":\"FIRST_COMPLETED\"}");
        assertEquals(List.of("quick"), first.get("done"));
        assertEquals(List.of("slow"), first.get("not_done"));
        Map<String, Object> exception = one("{\"op\":\"wait\",\"ids\":[\"slow\",\"bad\"],\"return_when\":\"FIRST_EXCEPTION\"}");
        assertEquals(List.of("bad"), exception.get("done"));
        Map<String, Object> all = one("{\"op\":\"wait\",\"ids\":[\"slow\",\"quick\"],\"timeout\":0.05}");
        assertEquals(List.of("slow"), all.get("not_done"));
    }

    @Test
    void asCompletedAndMap() {
        thread();
        one("{\"op\":\"submit\",\"id\":1,\"task\":\"echo\",\"args\":[\"a\"]}");
        one("{\"op\":\"submit\",\"id\":2," + blockedArgs() + "}");
        one("{\"op\":\"result\",\"id\":1}");
        List<Map<String, Object>> answer = send("{\"op\":\"as_completed\",\"ids\":[1,2],\"timeout\":0.1}");
        assertEquals(2, answer.size(), answer.toString());
        assertEquals(1L, answer.get(0).get("id"));
        assertEquals("timeout", answer.get(1).get("event"));
        assertEquals("1 (of 2) futures unfinished", answer.get(1).get("message"));

        List<Map<String, Object>> mapped = send("{\"op\":\"map\",\"task\":\"square\",\"inputs\":[1,[2],\"x\",4],\"chunksize\":2}");
        assertEquals(List.of(1L, 4L), List.of(mapped.get(0).get("value"), mapped.get(1).get("value")));
        assertEquals("error", mapped.get(2).get("status"));
        assertEquals(16L, mapped.get(3).get("value"));
    }

    /** {@code map}'s answers on both pools: one result per input at its index, in input order, failures in place. */
    @Test
    void mapAnswersEachInputAtItsIndexOnBothPools() {
        for (Runnable pool : List.<Runnable>of(this::thread, this::process)) {
            pool.run();
            List<Map<String, Object>> mapped = send("{\"op\":\"map\",\"task\":\"square\",\"inputs\":[3,\"x\",5],\"buffersize\":1}");
            assertEquals(List.of(0L, 1L, 2L), mapped.stream().map(e -> ((Number) e.get("index")).longValue()).toList(), mapped.toString());
            assertEquals(9L, mapped.get(0).get("value"));
            assertEquals("error", mapped.get(1).get("status"));
            assertEquals(25L, mapped.get(2).get("value"));
            session.close();
            session = null;
        }
    }

    @Test
    void aMapDeadlineAnswersWhatFinishedThenTimeout() {
        thread();
        List<Map<String, Object>> mapped = send("{\"op\":\"map\",\"task\":\"wait_for_file\",\"inputs\":[\"/\",\""
                + dir.resolve("gate") + "\",\"/\"],\"timeout\":0.3}");
        assertEquals(2, mapped.size(), mapped.toString());
        assertEquals("ok", mapped.get(0).get("status"));
        assertEquals("timeout", mapped.get(1).get("event"));
        assertEquals(2L, ((Number) mapped.get(1).get("unfinished")).longValue());
        assertEquals(3L, ((Number) mapped.get(1).get("total")).longValue());
    }

    /** A task's own TimeoutError is that call's failure, not the map's deadline: it answers in place and counts. */
    @Test
    void aTasksOwnTimeoutErrorInAMapIsItsFailure() {
        thread();
        List<Map<String, Object>> mapped = send("{\"op\":\"map\",\"task\":\"raise_timeout\",\"inputs\":[[],[]],\"timeout\":60}");
        assertEquals(List.of("error", "error"), mapped.stream().map(e -> e.get("status")).toList(), mapped.toString());
        assertEquals("TimeoutError", ((Map<?, ?>) mapped.get(0).get("error")).get("type"));
        session.close();
        assertEquals(1, session.exitCode());
    }

    /** {@code --task-timeout} on a process pool bounds a submit and each map call that has no timeout of its own. */
    @Test
    void thePoolsTaskTimeoutBoundsSubmitsAndMapCalls() {
        session = new SessionHandler(TaskPool.of(ProcessPoolExecutor.builder().maxWorkers(1)
                .taskTimeout(Duration.ofMillis(300)).build()), events::add);
        one("{\"op\":\"submit\",\"id\":1," + blockedArgs() + "}");
        Map<String, Object> submitted = one("{\"op\":\"result\",\"id\":1}");
        assertEquals("TaskTimeoutError", ((Map<?, ?>) submitted.get("error")).get("type"), submitted.toString());
        Map<String, Object> mapped = one("{\"op\":\"map\",\"task\":\"wait_for_file\",\"inputs\":[\"" + dir.resolve("gate") + "\"]}");
        assertEquals("TaskTimeoutError", ((Map<?, ?>) mapped.get("error")).get("type"), mapped.toString());
    }

    @Test
    void aMapThatCannotStartIsOneErrorEvent() {
        thread();
        Map<String, Object> unknown = one("{\"op\":\"map\",\"task\":\"no_such_task\",\"inputs\":[1]}");
        assertEquals("error", unknown.get("event"));
        assertEquals("map", unknown.get("op"));
        Map<String, Object> buffer = one("{\"op\":\"map\",\"task\":\"square\",\"inputs\":[1],\"buffersize\":0}");
        assertEquals("'buffersize' must be a whole number above 0", ((Map<?, ?>) buffer.get("error")).get("message"));
        one("{\"op\":\"shutdown\"}");
        Map<String, Object> late = one("{\"op\":\"map\",\"task\":\"square\",\"inputs\":[1]}");
        assertEquals("RejectedExecution", ((Map<?, ?>) late.get("error")).get("type"));
        assertEquals(1, session.exitCode());
    }

    @Test
    void cancelPendingAndForcedCancelOfRunningInAProcessPool() {
        process();
        one("{\"op\":\"submit\",\"id\":\"a\",\"task\":\"sleep\",\"args\":[60]}");
        one("{\"op\":\"submit\",\"id\":\"b\",\"task\":\"sleep\",\"args\":[60]}");
        one("{\"op\":\"submit\",\"id\":\"queued\",\"task\":\"square\",\"args\":[2]}");
        assertEquals(true, one("{\"op\":\"cancel\",\"id\":\"queued\"}").get("cancelled"));
        // Wait until "a" runs in a worker, then stop it by force.
        while (!"running".equals(one("{\"op\":\"state\",\"id\":\"a\"}").get("state"))) {
            Thread.onSpinWait();
        }
        assertEquals(false, one("{\"op\":\"cancel\",\"id\":\"a\"}").get("cancelled"));
        assertEquals(true, one("{\"op\":\"cancel\",\"id\":\"a\",\"force\":true}").get("cancelled"));
        assertEquals("cancelled", one("{\"op\":\"result\",\"id\":\"a\"}").get("status"));
        one("{\"op\":\"submit\",\"id\":\"t\",\"task\":\"sleep\",\"args\":[60],\"timeout\":0.3}");
        Map<String, Object> timedOut = one("{\"op\":\"result\",\"id\":\"t\"}");
        assertEquals("TaskTimeoutError", ((Map<?, ?>) timedOut.get("error")).get("type"));
    }

    @Test
    void badRequestsAreErrorEventsAndTheSessionGoesOn() {
        thread();
        for (String bad : new String[] {"not json", "[1]", "{\"op\":\"fly\"}", "{\"op\":\"result\",\"id\":42}",
                "{\"op\":\"submit\",\"task\":\"square\"}", "{\"op\":\"submit\",\"id\":1,\"task\":\"no_such\"}",
                "{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":5}",
                "{\"op\":\"wait\",\"ids\":[],\"return_when\":\"SOMETIMES\"}",
                "{\"op\":\"submit\",\"id\":1,\"task\":\"sleep\",\"args\":[1],\"timeout\":1}"}) {
            assertEquals("error", one(bad).get("event"), bad);
        }
        assertEquals(Map.of("type", "BadRequest", "message", "Invalid return condition: 'SOMETIMES'"),
                one("{\"op\":\"wait\",\"ids\":[],\"return_when\":\"SOMETIMES\"}").get("error"), "CPython's text");
        assertEquals("submitted", one("{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[3]}").get("event"));
        assertEquals("error", one("{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[3]}").get("event"), "ids are unique");
        assertEquals(9L, one("{\"op\":\"result\",\"id\":1}").get("value"));
    }

    /** As a CPython script may after executor.shutdown(): ask about the futures it has; a late submit is refused. */
    @Test
    void afterShutdownTheSessionStillAnswersAndRefusesNewWork() {
        thread();
        one("{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[3]}");
        assertEquals("shutdown", one("{\"op\":\"shutdown\",\"wait\":true}").get("event"));
        assertEquals(9L, one("{\"op\":\"result\",\"id\":1}").get("value"));
        assertEquals("summary", one("{\"op\":\"wait\",\"ids\":[1]}").get("event"));
        assertEquals(9L, one("{\"op\":\"as_completed\",\"ids\":[1]}").get("value"));
        assertEquals(0, session.exitCode());
        Map<String, Object> late = one("{\"op\":\"submit\",\"id\":2,\"task\":\"square\",\"args\":[4]}");
        assertEquals("error", late.get("event"));
        assertEquals(2L, late.get("id"), "an error about a request names its id");
        assertEquals(Map.of("type", "RejectedExecution", "message", "cannot schedule new futures after shutdown"),
                late.get("error"));
        assertEquals(1, session.exitCode(), "a refused submit");
    }

    @Test
    void theExitCodeFollowsTheTable() {
        thread();
        one("{\"op\":\"submit\",\"id\":\"ok\",\"task\":\"square\",\"args\":[3]}");
        one("{\"op\":\"result\",\"id\":\"ok\"}");
        assertEquals(0, session.exitCode());
        one("{\"op\":\"submit\",\"id\":\"bad\",\"task\":\"fail\",\"args\":[\"boom\"]}");
        one("{\"op\":\"result\",\"id\":\"bad\"}");
        assertEquals(1, session.exitCode(), "a failed task");
        session.close();

        process();
        one("{\"op\":\"submit\",\"id\":\"dies\",\"task\":\"exit\",\"args\":[3]}");
        assertEquals("BrokenProcessPool", ((Map<?, ?>) one("{\"op\":\"result\",\"id\":\"dies\"}").get("error")).get("type"));
        assertEquals(3, session.exitCode(), "a broken pool");
    }

    private void anUnencodableValueFailsItsFutureAndThePoolGoesOn() {
        one("{\"op\":\"submit\",\"id\":1,\"task\":\"unencodable\"}");
        Map<String, Object> failed = one("{\"op\":\"result\",\"id\":1}");
        assertEquals("EncodingError", ((Map<?, ?>) failed.get("error")).get("type"), failed.toString());
        one("{\"op\":\"submit\",\"id\":2,\"task\":\"square\",\"args\":[3]}");
        assertEquals(9L, one("{\"op\":\"result\",\"id\":2}").get("value"));
    }

    @Test
    void anUnencodableValueOnTheThreadPool() {
        thread();
        anUnencodableValueFailsItsFutureAndThePoolGoesOn();
    }

    @Test
    void anUnencodableValueOnTheProcessPool() {
        process();
        anUnencodableValueFailsItsFutureAndThePoolGoesOn();
    }

    /** A forced cancel on a thread pool kills the processes of that task only (spec §10 F1). */
    @Test
    void aForcedCancelOnAThreadPoolKillsTheTasksProcesses() throws Exception {
        dev.futures.task.CommandRunner commands = new dev.futures.task.CommandRunner();
        ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(2).onForcedCancel(commands::killScopeOf).build();
        session = new SessionHandler(TaskPool.of(pool, TaskRegistry.discover(commands), commands), events::add);
        Path pid = dir.resolve("pid");
        one("{\"op\":\"submit\",\"id\":\"long\",\"task\":\"sh\",\"args\":[\"echo $$ > '" + pid + "'; exec sleep 60\"]}");
        one("{\"op\":\"submit\",\"id\":\"other\",\"task\":\"sh\",\"args\":[\"sleep 1; echo kept\"]}");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            assertTrue(System.nanoTime() < giveUp, "the command never started");
            Thread.onSpinWait();
        }
        ProcessHandle sleeper = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();
        assertEquals(true, one("{\"op\":\"cancel\",\"id\":\"long\",\"force\":true}").get("cancelled"));
        sleeper.onExit().get(10, TimeUnit.SECONDS);
        assertEquals("cancelled", one("{\"op\":\"state\",\"id\":\"long\"}").get("state"));
        assertEquals("kept\n", one("{\"op\":\"result\",\"id\":\"other\",\"timeout\":30}").get("value"));
    }

    /** terminate_workers on a thread pool sends SIGTERM to its running commands, and they end. */
    @Test
    void terminateWorkersEndsAThreadPoolsRunningCommands() throws Exception {
        dev.futures.task.CommandRunner commands = new dev.futures.task.CommandRunner();
        session = new SessionHandler(TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.discover(commands), commands),
                events::add);
        Path pid = dir.resolve("pid");
        one("{\"op\":\"submit\",\"id\":\"long\",\"task\":\"sh\",\"args\":[\"echo $$ > '" + pid + "'; exec sleep 60\"]}");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < giveUp, "the command never started");
            Thread.onSpinWait();
        }
        send("{\"op\":\"terminate_workers\"}");
        Map<String, Object> result = one("{\"op\":\"result\",\"id\":\"long\",\"timeout\":30}");
        assertEquals("error", result.get("status"), result.toString());
        assertEquals("CommandFailed", ((Map<?, ?>) result.get("error")).get("type"));
    }
}
