package dev.futures.cli.output;

import dev.futures.cli.input.ShellQuote;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.Job;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a joblog says happened, by sequence number: the last entry for each job, read from
 * either format ({@link JobLog}), so a run resumes whatever wrote the log. A line cut short by
 * a crash is a job the log does not know finished.
 */
public final class JobHistory {

    /**
     * One job's last entry. {@code input} is null in GNU's format, which has none: there, as in
     * GNU parallel, the sequence number alone names the job.
     */
    public record Entry(long seq, String input, boolean succeeded, String command) {
    }

    private final Map<Long, Entry> last;

    private JobHistory(Map<Long, Entry> last) {
        this.last = last;
    }

    /** @throws UsageError if the log exists and cannot be read; a missing log is an empty history */
    public static JobHistory read(Path file) {
        Map<Long, Entry> last = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new JobHistory(last);
        }
        NdjsonCodec json = new NdjsonCodec();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Entry entry = line.startsWith("{") ? jsonEntry(json, line) : gnuEntry(line);
                if (entry != null) {
                    last.remove(entry.seq()); // re-inserted last: the order of the latest entries
                    last.put(entry.seq(), entry);
                }
            }
        } catch (IOException e) {
            throw new UsageError("cannot read joblog '" + file + "': " + e.getMessage());
        }
        return new JobHistory(last);
    }

    private static Entry jsonEntry(NdjsonCodec json, String line) {
        try {
            Map<String, Object> entry = json.decode(line);
            if (!(entry.get("seq") instanceof Number seq)) {
                return null;
            }
            Object command = entry.get("command");
            String shown = command instanceof List<?> words
                    ? ShellQuote.join(words.stream().map(String::valueOf).toList()) : String.valueOf(command);
            return new Entry(seq.longValue(), String.valueOf(entry.get("input")), "ok".equals(entry.get("status")), shown);
        } catch (ProtocolError torn) {
            return null;
        }
    }

    /** {@code Seq Host Starttime JobRuntime Send Receive Exitval Signal Command}; the header and torn lines are skipped. */
    private static Entry gnuEntry(String line) {
        String[] fields = line.split("\t", 9);
        if (fields.length < 9 || !fields[0].matches("\\d+")) {
            return null;
        }
        try {
            boolean ok = Integer.parseInt(fields[6].strip()) == 0 && Integer.parseInt(fields[7].strip()) == 0;
            return new Entry(Long.parseLong(fields[0]), null, ok, fields[8]);
        } catch (NumberFormatException torn) {
            return null;
        }
    }

    /** Whether the log has an entry for this job (any outcome). */
    public boolean ran(Job job) {
        Entry entry = last.get(job.seq());
        return entry != null && (entry.input() == null || entry.input().equals(job.input()));
    }

    /** Whether the job's last entry shows it succeeded. */
    public boolean succeeded(Job job) {
        return ran(job) && last.get(job.seq()).succeeded();
    }

    /** The jobs whose last entry shows they failed, in the log's order. */
    public Collection<Entry> failed() {
        return last.values().stream().filter(entry -> !entry.succeeded()).toList();
    }
}
