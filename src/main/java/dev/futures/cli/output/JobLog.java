package dev.futures.cli.output;

import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.JobResult;
import dev.futures.protocol.NdjsonCodec;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --joblog FILE}: one entry per finished job, written and flushed as it finishes, so a
 * run that crashes or is interrupted leaves a true record. GNU parallel's tab-separated table
 * by default ({@code Seq Host Starttime JobRuntime Send Receive Exitval Signal Command}), or one
 * JSON object per line; {@link JobHistory} reads either back for {@code --resume} and its kin.
 */
public final class JobLog implements AutoCloseable {

    /** How entries are written. */
    public enum Format {
        gnu, jsonl
    }

    static final String GNU_HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n";

    private final NdjsonCodec codec = new NdjsonCodec();
    private final OutputStream out;
    private final Format format;

    private JobLog(OutputStream out, Format format) {
        this.out = out;
        this.format = format;
    }

    /**
     * Opens the log: appended to when {@code append} (a resumed run, GNU's {@code +FILE}), else
     * started afresh, as GNU parallel does.
     *
     * @throws UsageError if the file cannot be opened for writing (before anything runs)
     */
    static JobLog open(Path file, Format format, boolean append) {
        try {
            boolean torn = append && endsMidLine(file);
            boolean empty = !append || !Files.exists(file) || Files.size(file) == 0;
            JobLog log = new JobLog(new FileOutputStream(file.toFile(), append), format);
            if (torn) {
                // A crash cut the last entry short: end that line, or the next entry would join it.
                log.out.write('\n');
            }
            if (empty && format == Format.gnu) {
                log.out.write(GNU_HEADER.getBytes(StandardCharsets.UTF_8));
                log.out.flush();
            }
            return log;
        } catch (IOException e) {
            throw new UsageError("cannot write joblog '" + file + "': " + e.getMessage());
        }
    }

    private static boolean endsMidLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            log.seek(log.length() - 1);
            return log.read() != '\n';
        }
    }

    /** {@code commandLine}: the job's command as a user would type it (what --dry-run prints). */
    public synchronized void record(JobResult result, String commandLine) {
        long finishedMillis = System.currentTimeMillis();
        byte[] entry = format == Format.gnu ? gnuLine(result, commandLine, finishedMillis) : jsonLine(result, finishedMillis);
        try {
            out.write(entry);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write joblog", e);
        }
    }

    private static byte[] gnuLine(JobResult result, String commandLine, long finishedMillis) {
        double runtime = result.durationNanos() / 1e9;
        double start = finishedMillis / 1e3 - runtime;
        // A job killed at its --task-timeout is GNU's "killed" entry: exit -1, the signal that ended it.
        boolean killed = "TaskTimeoutError".equals(result.errorType());
        String line = String.format(Locale.ROOT, "%d\t:\t%.3f\t%10.3f\t0\t%d\t%d\t%d\t%s\n", result.job().seq(), start,
                runtime, result.stdout().length, killed ? -1 : result.exitCode(), killed ? 9 : 0,
                commandLine.replace('\n', ' '));
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] jsonLine(JobResult result, long finishedMillis) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", result.job().seq());
        entry.put("input", result.job().input());
        entry.put("command", result.command());
        entry.put("status", result.succeeded() ? "ok" : "error");
        entry.put("exit_code", result.exitCode());
        entry.put("duration_ms", result.durationNanos() / 1_000_000);
        entry.put("worker_pid", result.workerPid() == 0 ? null : result.workerPid());
        entry.put("finished_at", Instant.ofEpochMilli(finishedMillis).toString());
        return codec.encode(entry);
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
