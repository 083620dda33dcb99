package dev.futures.session;

import dev.futures.protocol.EncodingError;
import dev.futures.protocol.NdjsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * at {@code finishedAt} (epoch milliseconds; 0 when not recorded); {@code told} once its
     * {@code --on-done} command had run.
     */
    public record Entry(long id, String task, List<Object> args, Duration timeout, String idempotencyKey,
            boolean started, Map<String, Object> outcome, long finishedAt, boolean told) {
    }

    /** Compaction while running waits until the file is this big, and twice its compacted size. */
    private static final long COMPACT_AT_LEAST = 1 << 20;

    private final NdjsonCodec codec = new NdjsonCodec();
    private final Path file;
    private FileChannel channel;
    private long compactedSize;
    private final List<Entry> recovered;
    private final long nextId;
    private final Damage damage;
    private final boolean fsync;
    /** Where the file ends after the last append, and up to where it is known on disk (fsync only). */
    private long written;
    private volatile long synced;
    private final Object syncLock = new Object();
    /** Why start-up could not compact (null when it did): the journal is appended to as it was. */
    private String notCompacted;

    /** Ids reserved apart from the journal (null for {@link #none()}). */
    private final IdReservation ids;
    /** The highest id submitted by this run (0: none), for the exact next id at a clean stop. */
    private long highestSubmitted;

    private Journal(Path file, List<Entry> recovered, long nextId, Damage damage, boolean fsync, IdReservation ids) {
        this.ids = ids;
        this.file = file;
        this.recovered = recovered;
        this.nextId = nextId;
        this.damage = damage;
        this.fsync = fsync;
    }

    /**
     * What the replay could not read: records, and where the first of them began (a byte
     * offset, -1 for none). A torn last line after a crash is one; so is a zeroed block after a
     * power cut, or a line that is not one of the journal's records.
     */
    public record Damage(int records, long firstAt) {
        static final Damage NONE = new Damage(0, -1);
    }

    /** A journal that keeps nothing: the daemon without a state directory, and tests. */
    public static Journal none() {
        return new Journal(null, List.of(), 1, Damage.NONE, false, null);
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
        return open(file, forgetBefore, false);
    }

    /**
     * The same; with {@code fsync}, every append is on disk before it returns (group commit:
     * appends that arrive while one flush runs share the next), so an acknowledged submit
     * survives a power cut too.
     *
     * <p>When the compacted copy cannot be written (a full volume: compaction needs room for a
     * second copy), the journal is appended to as it is, so the daemon still starts; submits
     * are then refused until appends succeed again.
     */
    public static Journal open(Path file, long forgetBefore, boolean fsync) throws IOException {
        JournalReplay replay = replay(file);
        List<Entry> entries = replay.entries(forgetBefore);
        IdReservation ids = IdReservation.beside(file);
        // Not the journal's word alone: its tail may be lost, or the file older than the ids handed out.
        long nextId = Math.max(replay.nextId, ids.floor());
        Journal journal = new Journal(file, entries, nextId, replay.damage(), fsync, ids);
        try {
            journal.rewrite(nextId, entries);
        } catch (IOException e) {
            Files.deleteIfExists(journal.compactedCopy());
            journal.openInPlace(replay.endsLine);
            journal.notCompacted = e.getMessage();
        }
        return journal;
    }

    private static JournalReplay replay(Path file) throws IOException {
        JournalReplay replay = new JournalReplay();
        if (Files.exists(file)) {
            replay.read(Files.readAllBytes(file));
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
            JournalReplay replay = replay(file);
            try {
                rewrite(replay.nextId, replay.entries(forgetBefore));
            } catch (IOException e) {
                Files.deleteIfExists(compactedCopy()); // no room: keep appending to the file as it is
                throw e;
            }
            return true;
        }
    }

    /**
     * Replaces the file by one next record and each entry's records, atomically (temporary file,
     * fsync, rename), and appends to the new file from here on. Under the lock, or before the
     * journal is shared.
     */
    private void rewrite(long nextId, List<Entry> entries) throws IOException {
        Path compacted = compactedCopy();
        Files.deleteIfExists(compacted); // a left-over copy keeps its mode: the new one is made 0600
        try (FileChannel out = FileChannel.open(compacted, OWNER_ONLY_NEW_FILE, OWNER_ONLY)) {
            NdjsonCodec codec = new NdjsonCodec();
            write(out, codec.encode(Map.of("r", "next", "id", nextId)));
            for (Entry entry : entries) {
                write(out, codec.encode(submitRecord(entry.id(), entry.task(), entry.args(), entry.timeout(),
                        entry.idempotencyKey())));
                if (entry.started()) {
                    write(out, codec.encode(step("start", entry.id())));
                }
                if (entry.outcome() != null) {
                    write(out, codec.encode(doneRecord(entry.id(), entry.outcome(), entry.finishedAt())));
                }
                if (entry.told()) {
                    write(out, codec.encode(step("told", entry.id())));
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
        written = compactedSize;
        synced = compactedSize;
    }

    /** Every task's arguments and values are in the journal: only its owner reads it, whatever the umask. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<StandardOpenOption> OWNER_ONLY_NEW_FILE =
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private Path compactedCopy() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Appends to the file as it is (start-up could not compact it). A torn last line is ended
     * first, so the next record is not glued to it; without room even for that byte, the
     * first append ends it instead (see {@link #append}).
     */
    private void openInPlace(boolean endsLine) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        compactedSize = channel.size();
        written = compactedSize;
        synced = compactedSize;
        tornTail = !endsLine;
    }

    /** The file ends inside a line: the next append starts with a newline. */
    private boolean tornTail;

    /** Why start-up appended to the journal as it was instead of compacting it, or null. */
    public String notCompacted() {
        return notCompacted;
    }

    /** The futures of earlier runs, by id. */
    public List<Entry> recovered() {
        return recovered;
    }

    /** The first id no earlier run has used. */
    public long nextId() {
        return nextId;
    }

    /** Records the replay could not read (a torn last line after a crash, a zeroed block, a stray line). */
    public int dropped() {
        return damage.records();
    }

    /** Whether it writes anywhere ({@link #none()} does not). */
    public boolean records() {
        return file != null;
    }

    /** What the replay could not read, and where it began. */
    public Damage damage() {
        return damage;
    }

    /** @throws UncheckedIOException if the submit cannot be recorded (it must then be refused) */
    public void submitted(long id, String task, List<Object> args, Duration timeout, String idempotencyKey) {
        if (ids != null) {
            try {
                ids.reserve(id);
            } catch (IOException e) {
                // The ids file is part of the journal's record, as an operator sees it.
                throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
            }
        }
        append(codec.encode(submitRecord(id, task, args, timeout, idempotencyKey)));
        synchronized (this) {
            highestSubmitted = Math.max(highestSubmitted, id);
        }
    }

    public void started(long id) {
        append(codec.encode(step("start", id)));
    }

    /** The future's {@code --on-done} command has run: a restart does not run it again. */
    public void told(long id) {
        append(codec.encode(step("told", id)));
    }

    /**
     * A submit recorded and then refused by the pool (shut down meanwhile, say): never
     * acknowledged, so a restart must not run it.
     */
    public void refused(long id) {
        append(codec.encode(step("refused", id)));
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
        if (ids != null) {
            long highest;
            synchronized (this) {
                highest = highestSubmitted;
            }
            ids.release(Math.max(nextId, highest + 1));
        }
    }

    /**
     * One record, whole or not at all: a write that fails part way (the volume filled up) is
     * cut off again, so the file never holds half a record that the next one would be glued
     * to, and appends succeed again by themselves once there is room.
     */
    private void append(byte[] line) {
        if (channel == null) {
            return;
        }
        long end;
        synchronized (this) {
            try {
                if (tornTail) {
                    write(channel, new byte[] {'\n'});
                    tornTail = false;
                    written = channel.size();
                }
                try {
                    write(channel, line);
                    written += line.length;
                } catch (IOException e) {
                    channel.truncate(written);
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
            }
            end = written;
        }
        if (fsync) {
            sync(end);
        }
    }

    /**
     * Group commit: the first caller flushes everything written so far; those that queued
     * behind it find their record flushed already and return without a flush of their own.
     */
    private void sync(long upTo) {
        synchronized (syncLock) {
            if (synced >= upTo) {
                return;
            }
            synchronized (this) { // appends wait meanwhile and are flushed, together, by the next caller
                long target = written;
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot flush the journal: " + e.getMessage(), e);
                }
                synced = target;
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

    /** A record that names a step of one future's life and nothing else: start, told, refused. */
    private static Map<String, Object> step(String kind, long id) {
        Map<String, Object> record = new LinkedHashMap<>(); // "r" first, as in every other record
        record.put("r", kind);
        record.put("id", id(id));
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
}
