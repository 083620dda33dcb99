package dev.futures.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's replay: any record order, a torn last line, compaction, ids never reused. */
class JournalTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(Journal.FILE);
    }

    @Test
    void replaysEachFuturesLastKnownStep() throws Exception {
        try (Journal journal = Journal.open(file())) {
            assertEquals(1, journal.nextId());
            journal.submitted(1, "sh", List.of("true"), null, null);
            journal.submitted(2, "sleep", List.of(5L), Duration.ofMillis(1500), "key-2");
            journal.submitted(3, "echo", List.of("x"), null, null);
            journal.started(1);
            // Another thread may record the outcome before the start: order does not matter.
            journal.finished(1, Map.of("event", "result", "id", "f1", "status", "ok", "value", ""));
            journal.started(2);
        }
        try (Journal journal = Journal.open(file())) {
            List<Journal.Entry> entries = journal.recovered();
            assertEquals(List.of(1L, 2L, 3L), entries.stream().map(Journal.Entry::id).toList());
            assertEquals("ok", entries.get(0).outcome().get("status"));
            assertTrue(entries.get(1).started());
            assertNull(entries.get(1).outcome());
            assertEquals(Duration.ofMillis(1500), entries.get(1).timeout());
            assertEquals("key-2", entries.get(1).idempotencyKey());
            assertFalse(entries.get(2).started());
            assertEquals(List.of("x"), entries.get(2).args());
            assertEquals(4, journal.nextId());
        }
    }

    @Test
    void doneBeforeStartAndTornLastLine() throws Exception {
        Files.writeString(file(), String.join("\n",
                "{\"r\":\"done\",\"id\":\"f7\",\"outcome\":{\"status\":\"cancelled\"}}",
                "{\"r\":\"submit\",\"id\":\"f7\",\"task\":\"echo\",\"args\":[1]}",
                "{\"r\":\"start\",\"id\":\"f7\"}",
                "{\"r\":\"submit\",\"id\":\"f8\",\"task\":\"ec"), StandardCharsets.UTF_8);
        try (Journal journal = Journal.open(file())) {
            assertEquals(1, journal.recovered().size(), "f8's submit was torn, so it was never acknowledged");
            assertEquals("cancelled", journal.recovered().get(0).outcome().get("status"));
            assertEquals(1, journal.dropped());
            // The daemon died inside f8's write, before its answer: no client ever saw "f8".
            assertEquals(8, journal.nextId());
        }
        for (String line : Files.readAllLines(file())) {
            assertFalse(line.endsWith("\"ec"), "compaction dropped the torn line: " + line);
        }
    }

    @Test
    void idsAreNeverReusedEvenWhenNoFutureIsLeft() throws Exception {
        try (Journal journal = Journal.open(file())) {
            journal.submitted(41, "echo", List.of(), null, null);
        }
        Files.writeString(file(), "", StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(file(), "{\"r\":\"next\",\"id\":42}\n");
        try (Journal journal = Journal.open(file())) {
            assertEquals(42, journal.nextId());
        }
        try (Journal journal = Journal.open(file())) {
            assertEquals(42, journal.nextId(), "the next record survives compaction");
        }
    }

    @Test
    void aValueJsonCannotHoldIsKeptAsAnError() throws Exception {
        try (Journal journal = Journal.open(file())) {
            journal.submitted(1, "custom", List.of(), null, null);
            journal.finished(1, Map.of("event", "result", "id", "f1", "status", "ok", "value", new Object()));
        }
        try (Journal journal = Journal.open(file())) {
            Map<String, Object> outcome = journal.recovered().get(0).outcome();
            assertEquals("error", outcome.get("status"));
            assertEquals("EncodingError", ((Map<?, ?>) outcome.get("error")).get("type"));
        }
    }

    @Test
    void finishedFuturesOlderThanTheCutoffAreLeftOutButTheirIdsStayUsed() throws Exception {
        try (Journal journal = Journal.open(file())) {
            journal.submitted(1, "echo", List.of("old"), null, "old-key");
            journal.finished(1, Map.of("event", "result", "id", "f1", "status", "ok", "value", "old"));
            journal.submitted(2, "echo", List.of("pending"), null, null);
        }
        try (Journal journal = Journal.open(file(), System.currentTimeMillis() + 60_000)) {
            assertEquals(List.of(2L), journal.recovered().stream().map(Journal.Entry::id).toList(),
                    "finished before the cutoff: gone; never finished: kept whatever its age");
            assertEquals(3, journal.nextId());
        }
    }

    @Test
    void aGrownJournalIsCompactedWhileOpenAndStillAppends() throws Exception {
        String padding = "x".repeat(200);
        try (Journal journal = Journal.open(file())) {
            assertFalse(journal.compactIfGrown(0), "nothing to compact yet");
            for (long id = 1; id <= 6000; id++) {
                journal.submitted(id, "echo", List.of(padding), null, null);
                journal.started(id);
                journal.finished(id, Map.of("event", "result", "id", Journal.id(id), "status", "ok", "value", padding));
            }
            long grown = Files.size(file());
            assertTrue(journal.compactIfGrown(System.currentTimeMillis() + 60_000));
            assertTrue(Files.size(file()) < grown / 100, Files.size(file()) + " bytes after compaction, " + grown + " before");
            journal.submitted(6001, "echo", List.of("after"), null, null);
        }
        try (Journal journal = Journal.open(file())) {
            assertEquals(List.of(6001L), journal.recovered().stream().map(Journal.Entry::id).toList());
            assertEquals(6002, journal.nextId());
        }
    }
}
