package dev.futures.cli;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --joblog FILE}: one JSON line per finished task, appended and flushed as it finishes,
 * so a run that crashes or is interrupted leaves a true record. {@code --resume} reads it back:
 * a job whose sequence number and input the log shows succeeded is skipped; failed, cancelled
 * and lost ones run again.
 */
final class JobLog implements AutoCloseable {
    private final NdjsonCodec codec = new NdjsonCodec();
    private final OutputStream out;

    private JobLog(OutputStream out) {
        this.out = out;
    }

    /** @throws UsageError if the file cannot be opened for appending (before anything runs) */
    static JobLog open(Path file) {
        try {
            boolean torn = endsMidLine(file);
            JobLog log = new JobLog(new FileOutputStream(file.toFile(), true));
            if (torn) {
                // A crash cut the last entry short: end that line, or the next entry would join it.
                log.out.write('\n');
            }
            return log;
        } catch (IOException e) {
            throw new UsageError("cannot write joblog '" + file + "': " + e.getMessage());
        }
    }

    /** The jobs the log shows succeeded, as {@link #key} values; a missing log shows none. */
    static Set<String> succeeded(Path file) {
        Set<String> done = new HashSet<>();
        if (!Files.exists(file)) {
            return done;
        }
        NdjsonCodec codec = new NdjsonCodec();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    Map<String, Object> entry = codec.decode(line);
                    if ("ok".equals(entry.get("status")) && entry.get("seq") instanceof Number seq) {
                        done.add(key(seq.longValue(), String.valueOf(entry.get("input"))));
                    }
                } catch (ProtocolError torn) {
                    // A line cut short by a crash: that job did not finish as far as the log knows.
                }
            }
        } catch (IOException e) {
            throw new UsageError("cannot read joblog '" + file + "': " + e.getMessage());
        }
        return done;
    }

    private static boolean endsMidLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (java.io.RandomAccessFile log = new java.io.RandomAccessFile(file.toFile(), "r")) {
            log.seek(log.length() - 1);
            return log.read() != '\n';
        }
    }

    static String key(long seq, String input) {
        return seq + "\t" + input;
    }

    synchronized void record(JobResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", result.job().seq());
        entry.put("input", result.job().input());
        entry.put("command", result.command());
        entry.put("status", result.succeeded() ? "ok" : "error");
        entry.put("exit_code", result.exitCode());
        entry.put("duration_ms", result.durationNanos() / 1_000_000);
        entry.put("worker_pid", result.workerPid() == 0 ? null : result.workerPid());
        entry.put("finished_at", java.time.Instant.now().toString());
        try {
            out.write(codec.encode(entry));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write joblog", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // Every entry was flushed as it was written.
        }
    }
}
