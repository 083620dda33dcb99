package dev.futures.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.futures.ThreadPoolExecutor;
import dev.futures.task.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code futures session} and the daemon ({@code serve}) answer the same questions about the
 * same futures with the same events: one store of futures, one set of outcome rules. Each case
 * asks both, the session by its client's id and the daemon by the id it issued, and compares
 * the answers with the ids left out.
 */
@Timeout(60)
class StoreParityTest {
    @TempDir
    Path dir;

    private final List<Map<String, Object>> events = new ArrayList<>();
    private SessionHandler session;
    private FutureService service;
    private TaskPool servicePool;

    private void open() {
        session = new SessionHandler(TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.discover()), events::add);
        servicePool = TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.discover());
        service = new FutureService(servicePool);
    }

    @AfterEach
    void close() throws Exception {
        Files.writeString(dir.resolve("gate"), "open");
        session.close();
        servicePool.executor().shutdown(true, false);
    }

    private Map<String, Object> ask(String request) {
        int before = events.size();
        session.handleLine(request);
        assertEquals(before + 1, events.size(), events.subList(before, events.size()).toString());
        return events.get(before);
    }

    /** The session submits under {@code id}; the daemon's id for the same work is returned. */
    private String submit(String id, String task, List<Object> args) {
        String json = args.stream().map(a -> a instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : String.valueOf(a))
                .reduce((a, b) -> a + "," + b).orElse("");
        ask("{\"op\":\"submit\",\"id\":\"" + id + "\",\"task\":\"" + task + "\",\"args\":[" + json + "]}");
        return service.submit(task, args, null, null);
    }

    private static Map<String, Object> withoutIds(Map<String, Object> event) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.remove("id");
        copy.remove("done");
        copy.remove("not_done");
        copy.remove("failed");
        copy.remove("message");
        if (copy.get("error") instanceof Map<?, ?> error) {
            Map<Object, Object> details = new LinkedHashMap<>(error);
            details.remove("traceback");
            copy.put("error", details);
        }
        return copy;
    }

    @Test
    void aFailedCommandsResultHasItsExitCodeInBoth() {
        open();
        String served = submit("a", "sh", List.of("exit 3"));
        Map<String, Object> fromSession = ask("{\"op\":\"result\",\"id\":\"a\"}");
        Map<String, Object> fromService = service.result(served, null);
        assertEquals(withoutIds(fromService), withoutIds(fromSession));
        assertEquals(3L, fromSession.get("exit_code"), fromSession.toString());
        assertEquals("a", fromSession.get("id"));
    }

    @Test
    void aResultThatIsNotReadyIsTheSameTimeoutEventNamingItsId() {
        open();
        String served = submit("slow", "wait_for_file", List.of(dir.resolve("gate").toString()));
        Map<String, Object> fromSession = ask("{\"op\":\"result\",\"id\":\"slow\",\"timeout\":0.05}");
        Map<String, Object> fromService = service.result(served, Duration.ofMillis(50));
        assertEquals(withoutIds(fromService), withoutIds(fromSession));
        assertEquals("slow", fromSession.get("id"), fromSession.toString());
        assertEquals("result of slow not ready within 0.05 s", fromSession.get("message"));
        assertEquals("result of " + served + " not ready within 0.05 s", fromService.get("message"));
    }

    @Test
    void waitNamesTheFailedFuturesInBoth() {
        open();
        String bad = submit("bad", "fail", List.of("boom"));
        String slow = submit("slow", "wait_for_file", List.of(dir.resolve("gate").toString()));
        Map<String, Object> fromSession = ask(
                "{\"op\":\"wait\",\"ids\":[\"bad\",\"slow\"],\"return_when\":\"FIRST_EXCEPTION\"}");
        Map<String, Object> fromService = service.waitFor(List.of(bad, slow), dev.futures.ReturnWhen.FIRST_EXCEPTION, null);
        assertEquals(List.of("bad"), fromSession.get("failed"), fromSession.toString());
        assertEquals(List.of(bad), fromService.get("failed"));
        assertEquals(List.of("slow"), fromSession.get("not_done"));
    }

    @Test
    void asCompletedGivesTheSameEventsInBoth() {
        open();
        String quick = submit("quick", "echo", List.of("a"));
        String slow = submit("slow", "wait_for_file", List.of(dir.resolve("gate").toString()));
        ask("{\"op\":\"result\",\"id\":\"quick\"}");
        service.result(quick, null);
        int before = events.size();
        session.handleLine("{\"op\":\"as_completed\",\"ids\":[\"quick\",\"slow\"],\"timeout\":0.1}");
        List<Map<String, Object>> fromSession = List.copyOf(events.subList(before, events.size()));
        List<Map<String, Object>> fromService = new ArrayList<>();
        service.asCompleted(List.of(quick, slow), Duration.ofMillis(100), fromService::add);
        assertEquals(fromService.stream().map(StoreParityTest::withoutIds).toList(),
                fromSession.stream().map(StoreParityTest::withoutIds).toList());
        assertEquals(List.of("result", "timeout"), fromSession.stream().map(e -> e.get("event")).toList());
        assertEquals(fromService.get(1).get("message"), fromSession.get(1).get("message"));
    }
}
