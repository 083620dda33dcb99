package dev.futures.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    void onlyItsOwnerReadsTheJournalEvenUnderAnOpenUmask() throws Exception {
        // Every task's arguments and values are in it: a copy made by compaction is no exception.
        Files.writeString(file(), "{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"echo\",\"args\":[1]}\n");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        try (Journal journal = Journal.open(file())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
            for (int i = 0; i < 40_000; i++) {
                journal.submitted(i + 2, "echo", List.of("x".repeat(40)), null, null);
            }
            assertTrue(journal.compactIfGrown(Long.MAX_VALUE));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        }
        Files.delete(file());
        try (Journal journal = Journal.open(file())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
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

    /**
     * The journal's tail lost in a crash, the file restored from an older copy, or emptied: the
     * next id is still one no client can hold, and ids stay short after a clean stop.
     */
    @Test
    void idsAreNeverReusedWhenTheJournalLosesItsTail() throws Exception {
        Journal first = Journal.open(file());
        first.submitted(1, "echo", List.of(), null, null);
        byte[] older = Files.readAllBytes(file()); // a backup taken here
        for (long id = 2; id <= 5; id++) {
            first.submitted(id, "echo", List.of(), null, null);
        }
        // A crash: no close. The journal comes back as the older copy, without f2..f5.
        Files.write(file(), older);
        long next;
        try (Journal journal = Journal.open(file())) {
            next = journal.nextId();
            assertTrue(next > 5, "f2..f5 were handed out: " + next);
            assertTrue(next <= 5 + IdReservation.BLOCK + 1, "a crash costs at most a block: " + next);
            journal.submitted(next, "echo", List.of(), null, null);
        }
        Files.writeString(file(), "", StandardOpenOption.TRUNCATE_EXISTING); // emptied
        try (Journal journal = Journal.open(file())) {
            assertEquals(next + 1, journal.nextId(), "after a clean stop, the exact next id");
        }
        Files.delete(file());
        try (Journal journal = Journal.open(file())) {
            assertEquals(next + 1, journal.nextId(), "the journal gone altogether");
        }
        first.close();
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

    private void writeBytes(byte[]... parts) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part);
        }
        Files.write(file(), all.toByteArray());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLineTornInsideACharacterOrWithInvalidBytesIsSkippedAndCountedNotFatal() throws Exception {
        writeBytes(utf8("{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"echo\",\"args\":[\"caf\u00e9\"]}\n"),
                new byte[] {(byte) 0xff, (byte) 0xfe, '\n'},
                utf8("{\"r\":\"submit\",\"id\":\"f2\",\"task\":\"echo\",\"args\":[\"caf"), new byte[] {(byte) 0xc3});
        for (int start = 0; start < 2; start++) {
            try (Journal journal = Journal.open(file())) {
                assertEquals(start == 0 ? List.of(1L) : List.of(1L, 2L),
                        journal.recovered().stream().map(Journal.Entry::id).toList());
                assertEquals(List.of("caf\u00e9"), journal.recovered().get(0).args());
                assertEquals(start == 0 ? 2 : 0, journal.dropped(), "compaction leaves a clean file for the next start");
                journal.submitted(2, "echo", List.of(), null, null); // f2 was torn: never acknowledged, its id free
            }
        }
    }

    @Test
    void aZeroedBlockCostsTheRecordsItOverwroteAndIsReported() throws Exception {
        byte[] first = utf8("{\"r\":\"submit\",\"id\":\"f1\",\"task\":\"echo\",\"args\":[1]}\n");
        byte[] zeroed = new byte[4096];
        byte[] tail = utf8("\"args\":[2]}\n{\"r\":\"submit\",\"id\":\"f3\",\"task\":\"echo\",\"args\":[3]}\n");
        writeBytes(first, zeroed, tail);
        try (Journal journal = Journal.open(file())) {
            assertEquals(List.of(1L, 3L), journal.recovered().stream().map(Journal.Entry::id).toList());
            assertEquals(2, journal.damage().records(), "the zeroed block and the rest of the record it cut");
            assertEquals(first.length, journal.damage().firstAt());
        }
    }

    @Test
    void recordsOfTheWrongShapeAreSkippedNotTrusted() throws Exception {
        Files.writeString(file(), String.join("\n",
                "{\"r\":\"submit\",\"id\":7,\"task\":\"echo\",\"args\":[]}",
                "{\"r\":\"submit\",\"id\":\"f2\",\"task\":\"echo\",\"args\":\"not a list\"}",
                "{\"r\":\"submit\",\"id\":\"f3\",\"task\":[\"echo\"]}",
                "{\"r\":\"submit\",\"id\":\"f4\",\"task\":\"echo\",\"timeout\":\"soon\"}",
                "{\"r\":\"submit\",\"id\":\"f5\",\"task\":\"echo\",\"args\":[5]}",
                "{\"r\":\"done\",\"id\":\"f5\",\"outcome\":\"ok\"}",
                "{\"r\":\"start\",\"id\":\"f-1\"}",
                "{\"r\":\"next\",\"id\":\"many\"}",
                "[1,2,3]",
                "{\"r\":\"teleport\",\"id\":\"f5\"}",
                ""), StandardCharsets.UTF_8);
        try (Journal journal = Journal.open(file())) {
            assertEquals(List.of(5L), journal.recovered().stream().map(Journal.Entry::id).toList());
            assertNull(journal.recovered().get(0).outcome(), "an outcome that is not one is not restored");
            assertEquals(9, journal.dropped());
        }
    }

    @Test
    void aRefusedSubmitIsNotRecovered() throws Exception {
        try (Journal journal = Journal.open(file())) {
            journal.submitted(1, "echo", List.of(), null, "key");
            journal.refused(1);
        }
        try (Journal journal = Journal.open(file())) {
            assertTrue(journal.recovered().isEmpty());
            assertEquals(2, journal.nextId(), "its id stays used");
        }
    }

    @Test
    void withFsyncEveryAppendIsFlushedAndReadBack() throws Exception {
        try (Journal journal = Journal.open(file(), 0, true)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> appends = new ArrayList<>();
                for (long id = 1; id <= 200; id++) {
                    long number = id;
                    appends.add(threads.submit(() -> journal.submitted(number, "echo", List.of(number), null, null)));
                }
                for (Future<?> append : appends) {
                    append.get();
                }
            } finally {
                threads.shutdown();
            }
        }
        try (Journal journal = Journal.open(file())) {
            assertEquals(200, journal.recovered().size());
        }
    }

    /**
     * A full volume (a 64 KiB tmpfs): start-up cannot write a compacted copy, so the journal is
     * used as it is; appends fail whole, leaving no half record, and succeed again once there
     * is room. Needs root to mount; skipped elsewhere.
     */
    @Test
    void aFullVolumeRefusesAppendsWithoutDamageAndRecoversByItself() throws Exception {
        try (dev.futures.FullVolume volume = dev.futures.FullVolume.mount(dir.resolve("volume"))) {
            Path file = volume.path().resolve(Journal.FILE);
            try (Journal journal = Journal.open(file)) {
                for (long id = 1; id <= 50; id++) {
                    journal.submitted(id, "echo", List.of("x".repeat(500)), null, null);
                }
            }
            volume.fill();
            Path filler = volume.filler();
            try (Journal journal = Journal.open(file)) {
                assertTrue(journal.notCompacted() != null, "no room for a compacted copy");
                assertEquals(50, journal.recovered().size());
                for (int i = 0; i < 3; i++) {
                    org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
                            () -> journal.submitted(51, "echo", List.of("y".repeat(4000)), null, null));
                }
                Files.delete(filler);
                journal.submitted(51, "echo", List.of("after"), null, null);
            }
            try (Journal journal = Journal.open(file)) {
                assertEquals(0, journal.dropped(), "no half record was left by the failed appends");
                assertEquals(51, journal.recovered().size());
                assertEquals(List.of("after"), journal.recovered().get(50).args());
            }
        }
    }
}
