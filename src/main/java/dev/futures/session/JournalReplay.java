package dev.futures.session;

import dev.futures.protocol.NdjsonCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds the records into one entry per id, in any order; remembers the highest id. Reads
 * bytes, not characters: a line that is not valid UTF-8 (cut inside a character, or
 * garbage), not JSON, or not one of the records with the fields of their types is counted
 * as damage and skipped, never trusted and never fatal. A NUL ends a line too, so a zeroed
 * block costs the records it overwrote and no more.
 */
final class JournalReplay {
    private final NdjsonCodec codec = new NdjsonCodec();
    private final Map<Long, Map<String, Object>> submits = new TreeMap<>();
    private final Map<Long, Boolean> starts = new TreeMap<>();
    private final Map<Long, Map<String, Object>> outcomes = new TreeMap<>();
    private final Map<Long, Long> finishedAt = new TreeMap<>();
    private final Set<Long> told = new HashSet<>();
    private final Set<Long> refused = new HashSet<>();
    long nextId = 1;
    private int damaged;
    private long firstDamageAt = -1;
    /** Whether the file ends with a newline (or is empty): appending in place needs to know. */
    boolean endsLine = true;

    void read(byte[] bytes) {
        endsLine = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
        int start = 0;
        boolean zeros = false;
        for (int i = 0; i <= bytes.length; i++) {
            boolean end = i == bytes.length || bytes[i] == '\n' || bytes[i] == 0;
            if (!end) {
                continue;
            }
            if (i > start) {
                line(bytes, start, i - start);
            }
            if (i < bytes.length && bytes[i] == 0) {
                if (!zeros) {
                    damage(i); // a run of NULs: what was there is gone
                }
                zeros = true;
            } else {
                zeros = false;
            }
            start = i + 1;
        }
    }

    private void line(byte[] bytes, int offset, int length) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException notUtf8) {
            damage(offset);
            return;
        }
        if (text.isBlank()) {
            return;
        }
        try {
            apply(codec.decode(text));
        } catch (RuntimeException unreadable) {
            // Torn by a crash, not JSON, or not a record of ours: skipped, and counted.
            damage(offset);
        }
    }

    private void damage(long at) {
        damaged++;
        if (firstDamageAt < 0) {
            firstDamageAt = at;
        }
    }

    Journal.Damage damage() {
        return damaged == 0 ? Journal.Damage.NONE : new Journal.Damage(damaged, firstDamageAt);
    }

    /** @throws IllegalArgumentException for a record that is not one of ours, field types included */
    private void apply(Map<String, Object> record) {
        Object kind = record.get("r");
        if ("next".equals(kind)) {
            nextId = Math.max(nextId, positive(record.get("id")));
            return;
        }
        long id = id(record.get("id"));
        switch (String.valueOf(kind)) {
            case "submit" -> submits.put(id, checkedSubmit(record));
            case "start" -> starts.put(id, true);
            case "done" -> {
                outcomes.put(id, checkedOutcome(record.get("outcome")));
                if (record.get("at") != null) {
                    finishedAt.put(id, positive(record.get("at")));
                }
            }
            case "told" -> told.add(id);
            case "refused" -> refused.add(id);
            default -> throw new IllegalArgumentException("unknown record " + kind);
        }
        nextId = Math.max(nextId, id + 1);
    }

    private static long id(Object value) {
        if (!(value instanceof String text) || !text.matches("f[0-9]{1,18}")) {
            throw new IllegalArgumentException("bad id " + value);
        }
        return positive(Long.parseLong(text.substring(1)));
    }

    private static long positive(Object value) {
        if (!(value instanceof Number number) || number.longValue() < 1 || number.doubleValue() != number.longValue()) {
            throw new IllegalArgumentException("not a positive integer: " + value);
        }
        return number.longValue();
    }

    private static Map<String, Object> checkedSubmit(Map<String, Object> record) {
        if (!(record.get("task") instanceof String task) || task.isEmpty()) {
            throw new IllegalArgumentException("submit without a task");
        }
        if (record.get("args") != null && !(record.get("args") instanceof List)) {
            throw new IllegalArgumentException("args is not a list");
        }
        if (record.get("key") != null && !(record.get("key") instanceof String)) {
            throw new IllegalArgumentException("key is not a string");
        }
        if (record.get("timeout") != null) {
            if (!(record.get("timeout") instanceof Number)) {
                throw new IllegalArgumentException("timeout is not a number");
            }
            RequestValues.seconds(record.get("timeout")); // BadRequest is a RuntimeException: damage
        }
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> checkedOutcome(Object value) {
        if (!(value instanceof Map<?, ?> outcome)) {
            throw new IllegalArgumentException("done without an outcome");
        }
        Object status = outcome.get("status");
        boolean valid = "ok".equals(status) || "cancelled".equals(status)
                || ("error".equals(status) && outcome.get("error") instanceof Map);
        if (!valid) {
            throw new IllegalArgumentException("outcome with status " + status);
        }
        // Every field the daemon reads back has the type it wrote: a restart never trusts more.
        if (outcome.get("error") instanceof Map<?, ?> error) {
            require(error.get("type") instanceof String, "error type");
            require(error.get("message") instanceof String, "error message");
            require(error.get("traceback") == null || error.get("traceback") instanceof String, "traceback");
        } else {
            require(outcome.get("error") == null, "error");
        }
        require(outcome.get("exit_code") == null || outcome.get("exit_code") instanceof Number, "exit_code");
        require(outcome.get("event") == null || outcome.get("event") instanceof String, "event");
        require(outcome.get("id") == null || outcome.get("id") instanceof String, "the outcome's id");
        return (Map<String, Object>) outcome;
    }

    private static void require(boolean holds, String field) {
        if (!holds) {
            throw new IllegalArgumentException(field + " has the wrong type");
        }
    }

    /** One entry per submitted id, but none for what finished before {@code forgetBefore}. */
    @SuppressWarnings("unchecked")
    List<Journal.Entry> entries(long forgetBefore) {
        List<Journal.Entry> entries = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Object>> submit : submits.entrySet()) {
            long id = submit.getKey();
            long at = finishedAt.getOrDefault(id, 0L);
            if (refused.contains(id) || (outcomes.containsKey(id) && at > 0 && at < forgetBefore)) {
                continue;
            }
            Map<String, Object> record = submit.getValue();
            Object timeout = record.get("timeout");
            entries.add(new Journal.Entry(id, (String) record.get("task"),
                    record.get("args") == null ? List.of() : (List<Object>) record.get("args"),
                    timeout == null ? null : RequestValues.seconds(timeout), (String) record.get("key"),
                    starts.containsKey(id), outcomes.get(id), at, told.contains(id)));
        }
        return entries;
    }
}
