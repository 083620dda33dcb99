package dev.futures.session;

import dev.futures.protocol.EncodingError;
import dev.futures.protocol.NdjsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's journal: one JSON line per event of a future's life ({@code submit},
 * {@code start}, {@code done}), appended with one {@code write} each. A line is in the page
 * cache when {@code write} returns, so everything acknowledged survives {@code kill -9} of the
 * daemon (not a power cut: there is no fsync per record, which would cost a disk flush per
 * submit).
 *
 * <p>Opening replays the file and rewrites it compacted (atomically, via a temporary file): a
 * torn last line from a crash is dropped, records are matched by id whatever their order (a
 * {@code done} may be written before the {@code start} of the same future by another thread),
 * and a {@code next} record keeps ids from ever being reused.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";

    /**
     * What the journal knew of one future at the last stop: outcome non-null when it finished,
     * at {@code finishedAt} (epoch milliseconds; 0 when not recorded).
     */
    public record Entry(long id, String task, List<Object> args, Duration timeout, String idempotencyKey,
            boolean started, Map<String, Object> outcome, long finishedAt) {
    }

    /** Compaction while running waits until the file is this big, and twice its compacted size. */
    private static final long COMPACT_AT_LEAST = 1 << 20;

    private final NdjsonCodec codec = new NdjsonCodec();
    private final Path file;
    private FileChannel channel;
    private long compactedSize;
    private final List<Entry> recovered;
    private final long nextId;
    private final int dropped;

    private Journal(Path file, List<Entry> recovered, long nextId, int dropped) {
        this.file = file;
        this.recovered = recovered;
        this.nextId = nextId;
        this.dropped = dropped;
    }

    /** A journal that keeps nothing: the daemon without a state directory, and tests. */
    public static Journal none() {
        return new Journal(null, List.of(), 1, 0);
    }

    /** Replays {@code file} (if it exists), compacts it, and opens it for appending. */
    public static Journal open(Path file) throws IOException {
        return open(file, 0);
    }

    /**
     * The same, and futures that finished before {@code forgetBefore} (epoch milliseconds; 0
     * keeps all) are left out: their ids stay used, their outcomes are gone.
     */
    public static Journal open(Path file, long forgetBefore) throws IOException {
        Replay replay = replay(file);
        List<Entry> entries = replay.entries(forgetBefore);
        Journal journal = new Journal(file, entries, replay.nextId, replay.dropped);
        journal.rewrite(replay.nextId, entries);
        return journal;
    }

    private static Replay replay(Path file) throws IOException {
        Replay replay = new Replay();
        if (Files.exists(file)) {
            replay.read(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        return replay;
    }

    /**
     * For a daemon that runs for weeks: once the file has grown past twice its compacted size
     * (and 1 MiB), compacts it again, leaving out futures that finished before
     * {@code forgetBefore}. Appends wait meanwhile. Returns whether it compacted.
     */
    public boolean compactIfGrown(long forgetBefore) throws IOException {
        if (channel == null) {
            return false;
        }
        synchronized (this) {
            long size = channel.size();
            if (size < Math.max(COMPACT_AT_LEAST, 2 * compactedSize)) {
                return false;
            }
            Replay replay = replay(file);
            rewrite(replay.nextId, replay.entries(forgetBefore));
            return true;
        }
    }

    /**
     * Replaces the file by one next record and each entry's records, atomically (temporary file,
     * fsync, rename), and appends to the new file from here on. Under the lock, or before the
     * journal is shared.
     */
    private void rewrite(long nextId, List<Entry> entries) throws IOException {
        Path compacted = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(compacted, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            NdjsonCodec codec = new NdjsonCodec();
            write(out, codec.encode(Map.of("r", "next", "id", nextId)));
            for (Entry entry : entries) {
                write(out, codec.encode(submitRecord(entry.id(), entry.task(), entry.args(), entry.timeout(),
                        entry.idempotencyKey())));
                if (entry.started()) {
                    write(out, codec.encode(Map.of("r", "start", "id", id(entry.id()))));
                }
                if (entry.outcome() != null) {
                    write(out, codec.encode(doneRecord(entry.id(), entry.outcome(), entry.finishedAt())));
                }
            }
            out.force(true);
        }
        Files.move(compacted, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (channel != null) {
            channel.close();
        }
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        compactedSize = channel.size();
    }

    /** The futures of earlier runs, by id. */
    public List<Entry> recovered() {
        return recovered;
    }

    /** The first id no earlier run has used. */
    public long nextId() {
        return nextId;
    }

    /** Lines the replay could not read (a torn last line after a crash). */
    public int dropped() {
        return dropped;
    }

    public void submitted(long id, String task, List<Object> args, Duration timeout, String idempotencyKey) {
        append(codec.encode(submitRecord(id, task, args, timeout, idempotencyKey)));
    }

    public void started(long id) {
        append(codec.encode(Map.of("r", "start", "id", id(id))));
    }

    /** The result event of a finished future; a value JSON cannot hold is kept as an error. */
    public void finished(long id, Map<String, Object> outcome) {
        long at = System.currentTimeMillis();
        byte[] line;
        try {
            line = codec.encode(doneRecord(id, outcome, at));
        } catch (EncodingError e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", "EncodingError");
            error.put("message", "the value could not be journaled: " + e.getMessage());
            error.put("traceback", "");
            Map<String, Object> kept = new LinkedHashMap<>(outcome);
            kept.remove("value");
            kept.put("status", "error");
            kept.put("error", error);
            line = codec.encode(doneRecord(id, kept, at));
        }
        append(line);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            synchronized (this) {
                channel.close();
            }
        }
    }

    private void append(byte[] line) {
        if (channel == null) {
            return;
        }
        synchronized (this) {
            try {
                write(channel, line);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
            }
        }
    }

    private static void write(FileChannel channel, byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static Map<String, Object> submitRecord(long id, String task, List<Object> args, Duration timeout, String key) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("r", "submit");
        record.put("id", id(id));
        record.put("task", task);
        record.put("args", args);
        if (timeout != null) {
            record.put("timeout", BigDecimal.valueOf(timeout.toNanos(), 9).stripTrailingZeros());
        }
        if (key != null) {
            record.put("key", key);
        }
        return record;
    }

    private static Map<String, Object> doneRecord(long id, Map<String, Object> outcome, long at) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("r", "done");
        record.put("id", id(id));
        if (at > 0) {
            record.put("at", at);
        }
        record.put("outcome", outcome);
        return record;
    }

    static String id(long id) {
        return "f" + id;
    }

    /** Folds the records into one entry per id, in any order; remembers the highest id. */
    private static final class Replay {
        private final NdjsonCodec codec = new NdjsonCodec();
        private final Map<Long, Map<String, Object>> submits = new TreeMap<>();
        private final Map<Long, Boolean> starts = new TreeMap<>();
        private final Map<Long, Map<String, Object>> outcomes = new TreeMap<>();
        private final Map<Long, Long> finishedAt = new TreeMap<>();
        private long nextId = 1;
        private int dropped;

        void read(List<String> lines) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    apply(codec.decode(line));
                } catch (RuntimeException torn) {
                    // A crash can tear the last line; nothing after it was acknowledged.
                    dropped++;
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void apply(Map<String, Object> record) {
            Object kind = record.get("r");
            if ("next".equals(kind)) {
                nextId = Math.max(nextId, ((Number) record.get("id")).longValue());
                return;
            }
            long id = Long.parseLong(((String) record.get("id")).substring(1));
            nextId = Math.max(nextId, id + 1);
            switch (String.valueOf(kind)) {
                case "submit" -> submits.put(id, record);
                case "start" -> starts.put(id, true);
                case "done" -> {
                    outcomes.put(id, (Map<String, Object>) record.get("outcome"));
                    if (record.get("at") instanceof Number at) {
                        finishedAt.put(id, at.longValue());
                    }
                }
                default -> dropped++;
            }
        }

        /** One entry per submitted id, but none for what finished before {@code forgetBefore}. */
        @SuppressWarnings("unchecked")
        List<Entry> entries(long forgetBefore) {
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<Long, Map<String, Object>> submit : submits.entrySet()) {
                long at = finishedAt.getOrDefault(submit.getKey(), 0L);
                if (outcomes.containsKey(submit.getKey()) && at > 0 && at < forgetBefore) {
                    continue;
                }
                Map<String, Object> record = submit.getValue();
                Object timeout = record.get("timeout");
                entries.add(new Entry(submit.getKey(), (String) record.get("task"),
                        record.get("args") == null ? List.of() : (List<Object>) record.get("args"),
                        timeout == null ? null : RequestValues.seconds(timeout), (String) record.get("key"),
                        starts.containsKey(submit.getKey()), outcomes.get(submit.getKey()), at));
            }
            return entries;
        }
    }
}
