package dev.futures.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.ThreadPoolExecutor;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.task.TaskRegistry;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a restart makes of the journal a crash left behind. */
@Timeout(60)
class FutureServiceRecoveryTest {
    @TempDir
    Path dir;

    /** The journal of a daemon killed while f2 and f4 ran and f3 and f5 waited. */
    private Path crashedJournal() throws Exception {
        Path file = dir.resolve(Journal.FILE);
        Files.writeString(file, String.join("\n",
                "{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"echo\",\"args\":[\"kept\"]}",
                "{\"r\":\"submit\",\"id\":\"f2\",\"task\":\"echo\",\"args\":[\"was running\"]}",
                "{\"r\":\"start\",\"id\":\"f1\"}",
                "{\"r\":\"submit\",\"id\":\"f3\",\"task\":\"echo\",\"args\":[\"never started\"]}",
                "{\"r\":\"done\",\"id\":\"f1\",\"outcome\":{\"event\":\"result\",\"id\":\"f1\",\"status\":\"ok\",\"value\":\"kept\"}}",
                "{\"r\":\"told\",\"id\":\"f1\"}",
                "{\"r\":\"start\",\"id\":\"f2\"}",
                "{\"r\":\"submit\",\"id\":\"f4\",\"task\":\"echo\",\"args\":[4],\"key\":\"job-4\"}",
                "{\"r\":\"start\",\"id\":\"f4\"}",
                "{\"r\":\"submit\",\"id\":\"f5\",\"task\":\"no_longer_built_in\",\"args\":[]}",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private static Object value(FutureService service, String id) {
        return service.result(id, Duration.ofSeconds(30)).get("value");
    }

    private static Object errorType(FutureService service, String id) {
        return ((Map<?, ?>) service.result(id, Duration.ofSeconds(30)).get("error")).get("type");
    }

    @Test
    void finishedKeptUnstartedRunAgainRunningReportedLost() throws Exception {
        List<Map<String, Object>> told = new CopyOnWriteArrayList<>();
        Journal journal = Journal.open(crashedJournal());
        FutureService service = new FutureService(TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.withBuiltIns()),
                journal, (outcome, whenTold) -> {
                    told.add(outcome);
                    whenTold.run();
                });
        try {
            assertEquals(new FutureService.Recovery(1, 2, 2), service.recover(false));
            assertEquals("kept", value(service, "f1"));
            assertEquals("WorkLostError", errorType(service, "f2"));
            assertEquals("never started", value(service, "f3"));
            assertEquals("WorkLostError", errorType(service, "f4"));
            assertEquals("UnknownTask", errorType(service, "f5"));
            assertEquals("f6", service.submit("echo", List.of("new"), null, null), "ids go on after the journal's");
            assertEquals("f4", service.submit("echo", List.of(4L), null, "job-4"), "idempotency keys survive a restart");
            assertEquals("new", value(service, "f6"));
            // f1 finished in the first run: its --on-done ran then, not again. The hooks run in
            // the futures' done callbacks, after result() may have returned.
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (told.size() < 5 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            assertEquals(List.of("f2", "f3", "f4", "f5", "f6"), told.stream().map(e -> e.get("id")).sorted().toList());
        } finally {
            service.shutdown(true, false);
            journal.close();
        }
        try (Journal again = Journal.open(dir.resolve(Journal.FILE))) {
            assertEquals(6, again.recovered().size());
            assertTrue(again.recovered().stream().allMatch(entry -> entry.outcome() != null),
                    "a second restart finds every outcome, the lost ones included: " + again.recovered());
        }
    }

    /**
     * A crash between an outcome and its --on-done hook (or while the hook ran): the next start
     * runs the hook, so none is lost; a hook that finished is not run again.
     */
    @Test
    void hooksACrashKeptFromRunningRunAfterTheRestart() throws Exception {
        Path file = dir.resolve(Journal.FILE);
        Files.writeString(file, String.join("\n",
                "{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"echo\",\"args\":[1]}",
                "{\"r\":\"done\",\"id\":\"f1\",\"outcome\":{\"event\":\"result\",\"id\":\"f1\",\"status\":\"ok\",\"value\":1}}",
                "{\"r\":\"told\",\"id\":\"f1\"}",
                "{\"r\":\"submit\",\"id\":\"f2\",\"task\":\"echo\",\"args\":[2]}",
                "{\"r\":\"done\",\"id\":\"f2\",\"outcome\":{\"event\":\"result\",\"id\":\"f2\",\"status\":\"ok\",\"value\":2}}",
                ""), StandardCharsets.UTF_8);
        List<Object> told = new CopyOnWriteArrayList<>();
        Journal journal = Journal.open(file);
        FutureService service = new FutureService(TaskPool.of(new ThreadPoolExecutor(1), TaskRegistry.withBuiltIns()),
                journal, (outcome, whenTold) -> {
                    told.add(outcome.get("id"));
                    whenTold.run();
                });
        try {
            service.recover(false);
            assertEquals(List.of("f2"), told);
        } finally {
            service.shutdown(true, false);
            journal.close();
        }
        try (Journal again = Journal.open(file)) {
            assertTrue(again.recovered().stream().allMatch(Journal.Entry::told), "told once, recorded: " + again.recovered());
        }
    }

    /**
     * A submit the journal cannot record is refused and never runs; the start is in the journal
     * before any of the task runs, so a crash can never make a restart run it twice.
     */
    @Test
    void nothingRunsThatTheJournalDoesNotKnowMayHaveRun() throws Exception {
        Path started = dir.resolve("started");
        Path file = dir.resolve(Journal.FILE);
        Journal journal = Journal.open(file);
        FutureService service = new FutureService(TaskPool.of(new ThreadPoolExecutor(1), TaskRegistry.withBuiltIns()),
                journal, null);
        try {
            // The task itself reads the journal: its start record is there before it runs.
            String id = service.submit("sh", List.of("grep '\"start\"' '" + file + "' | grep -c '\"f1\"'"), null, null);
            assertEquals("1", ((String) value(service, id)).strip());
            journal.close(); // every append fails from here on, as on a full volume
            org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
                    () -> service.submit("sh", List.of("touch '" + started + "'"), null, null));
            service.shutdown(true, false);
            assertTrue(!Files.exists(started), "a refused submit ran");
        } finally {
            service.shutdown(true, false);
        }
    }

    @Test
    void rerunLostRunsTheRunningWorkAgain() throws Exception {
        Journal journal = Journal.open(crashedJournal());
        FutureService service = new FutureService(TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.withBuiltIns()),
                journal, null);
        try {
            assertEquals(new FutureService.Recovery(1, 4, 0), service.recover(true));
            assertEquals("was running", value(service, "f2"));
            assertEquals(4L, value(service, "f4"));
        } finally {
            service.shutdown(true, false);
            journal.close();
        }
    }

    @Test
    void finishedFuturesAreForgottenAfterTheirTimeAndTheirKeysFreed() throws Exception {
        FutureService service = new FutureService(TaskPool.of(new ThreadPoolExecutor(2), TaskRegistry.withBuiltIns()),
                Journal.none(), null);
        Path gate = dir.resolve("gate");
        try {
            String done = service.submit("echo", List.of("x"), null, "key");
            assertEquals("x", value(service, done));
            String pending = service.submit("sh", List.of("while [ ! -e '" + gate + "' ]; do sleep 0.05; done"), null, null);
            assertEquals(1, service.forgetFinishedBefore(System.currentTimeMillis() + 1));
            FutureService.NotFound gone = org.junit.jupiter.api.Assertions.assertThrows(FutureService.NotFound.class,
                    () -> service.state(done));
            assertTrue(gone.getMessage().contains("forgotten"), gone.getMessage());
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(FutureService.NotFound.class,
                    () -> service.state("f99")).getMessage().startsWith("no future has id"));
            assertEquals(false, service.state(pending).get("done"), "unfinished work is never forgotten");
            assertEquals("f3", service.submit("echo", List.of("x"), null, "key"), "a forgotten key makes a new future");
        } finally {
            Files.writeString(gate, "open");
            service.shutdown(true, false);
        }
    }

    /** A value of each JSON type, by name. */
    private static final Map<String, Object> EVERY_TYPE = new LinkedHashMap<>();

    static {
        EVERY_TYPE.put("null", null);
        EVERY_TYPE.put("boolean", true);
        EVERY_TYPE.put("integer", 5L);
        EVERY_TYPE.put("fraction", 1.5);
        EVERY_TYPE.put("string", "s");
        EVERY_TYPE.put("array", List.of(1L));
        EVERY_TYPE.put("object", Map.of("k", 1L));
    }

    /**
     * Every field of every record kind, given a value of each JSON type: a record of the wrong
     * shape is skipped and counted as damage, start-up never fails, and the rest is restored.
     */
    @Test
    void everyFieldOfEveryRecordWithAValueOfEveryWrongTypeIsSkippedAndCounted() throws Exception {
        // The journal's records, each field with the JSON types it may hold ("" for none but its own).
        Map<String, Map<List<String>, Set<String>>> schema = new LinkedHashMap<>();
        schema.put("{\"r\":\"submit\",\"id\":\"f2\",\"task\":\"echo\",\"args\":[1],\"timeout\":1.5,\"key\":\"k\"}", fields(
                "r", "", "id", "", "task", "string", "args", "null array", "timeout", "null integer fraction", "key", "null string"));
        for (String step : List.of("start", "told", "refused")) {
            schema.put("{\"r\":\"" + step + "\",\"id\":\"f1\"}", fields("r", "", "id", ""));
        }
        schema.put("{\"r\":\"next\",\"id\":9}", fields("r", "", "id", "integer"));
        schema.put("{\"r\":\"done\",\"id\":\"f1\",\"at\":1000,\"outcome\":{\"event\":\"result\",\"id\":\"f1\","
                + "\"status\":\"error\",\"error\":{\"type\":\"X\",\"message\":\"m\",\"traceback\":\"t\"},\"exit_code\":1}}", fields(
                "r", "", "id", "", "at", "null integer", "outcome", "", "outcome.event", "null string",
                "outcome.id", "null string", "outcome.status", "", "outcome.error", "",
                "outcome.exit_code", "null integer fraction", "outcome.error.type", "string",
                "outcome.error.message", "string", "outcome.error.traceback", "null string"));
        schema.put("{\"r\":\"done\",\"id\":\"f1\",\"outcome\":{\"status\":\"ok\",\"value\":1}}", fields(
                "outcome.value", String.join(" ", EVERY_TYPE.keySet()), "outcome.error", "null"));
        NdjsonCodec codec = new NdjsonCodec();
        Path file = dir.resolve(Journal.FILE);
        int tried = 0;
        for (Map.Entry<String, Map<List<String>, Set<String>>> kind : schema.entrySet()) {
            for (Map.Entry<List<String>, Set<String>> field : kind.getValue().entrySet()) {
                for (Map.Entry<String, Object> wrong : EVERY_TYPE.entrySet()) {
                    Map<String, Object> record = codec.decode(kind.getKey());
                    set(record, field.getKey(), wrong.getValue());
                    String what = new String(codec.encode(record), StandardCharsets.UTF_8).strip();
                    Files.writeString(file, "{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"echo\",\"args\":[\"kept\"]}\n"
                            + what + "\n", StandardCharsets.UTF_8);
                    boolean fits = field.getValue().contains(wrong.getKey());
                    try (Journal journal = Journal.open(file)) {
                        assertEquals(fits ? 0 : 1, journal.damage().records(), what);
                        FutureService service = new FutureService(
                                TaskPool.of(new ThreadPoolExecutor(1), TaskRegistry.withBuiltIns()), journal, null);
                        try {
                            service.recover(false); // start-up: must not throw, whatever the record held
                            service.result("f1", Duration.ofSeconds(30)); // f1 is there, restored or run again
                        } finally {
                            service.shutdown(true, false);
                        }
                    }
                    tried++;
                }
            }
        }
        assertTrue(tried > 150, "every field, every type: " + tried);
    }

    /** Pairs of a field's dotted path and the JSON types it may hold, separated by spaces. */
    private static Map<List<String>, Set<String>> fields(String... pairs) {
        Map<List<String>, Set<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(List.of(pairs[i].split("\\.")), Set.of(pairs[i + 1].split(" ")));
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> record, List<String> path, Object value) {
        Map<String, Object> at = record;
        for (String key : path.subList(0, path.size() - 1)) {
            at = (Map<String, Object>) at.get(key);
        }
        at.put(path.get(path.size() - 1), value);
    }
}
