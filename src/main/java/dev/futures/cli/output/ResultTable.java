package dev.futures.cli.output;

import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.JobResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --results FILE.csv}, {@code .tsv} or {@code .json}: every job's record in one file, as
 * GNU parallel writes it: Seq, Host, Starttime, JobRuntime, Send, Receive, Exitval, Signal,
 * Command, the input values (V1, V2, ... or a list V) and the job's Stdout and Stderr. A field
 * is quoted when it holds the separator, a quote, a line break or a space (Text::CSV's rule,
 * which GNU uses); the JSON file has one object per line, spelled as GNU's.
 */
final class ResultTable implements AutoCloseable {
    private final OutputStream out;
    private final String separator;
    private final boolean json;
    private boolean headerWritten;

    private ResultTable(OutputStream out, String separator, boolean json) {
        this.out = out;
        this.separator = separator;
        this.json = json;
    }

    static boolean isTable(String name) {
        return name != null && name.matches(".*\\.(csv|tsv|json)");
    }

    static ResultTable open(String name) {
        try {
            Path file = Path.of(name);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            OutputStream out = Files.newOutputStream(file);
            return name.endsWith(".json") ? new ResultTable(out, null, true)
                    : new ResultTable(out, name.endsWith(".tsv") ? "\t" : ",", false);
        } catch (IOException e) {
            throw new UsageError("cannot write --results '" + name + "': " + e.getMessage());
        }
    }

    synchronized void write(JobResult result, String command) {
        double runtime = result.durationNanos() / 1e9;
        double start = System.currentTimeMillis() / 1e3 - runtime;
        List<String> values = result.job().values();
        String stdout = new String(result.stdout(), StandardCharsets.UTF_8);
        String stderr = new String(result.stderr(), StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder();
        if (json) {
            line.append(String.format(Locale.ROOT, "{ \"Seq\": %d, \"Host\": \":\", \"Starttime\": %.3f, \"JobRuntime\": %.3f, "
                    + "\"Send\": 0, \"Receive\": %d, \"Exitval\": %d, \"Signal\": 0, \"Command\": %s, \"V\": [ ",
                    result.job().seq(), start, runtime, result.stdout().length, result.exitCode(), jsonString(command)));
            for (int i = 0; i < values.size(); i++) {
                line.append(i == 0 ? "" : ", ").append(jsonString(values.get(i)));
            }
            line.append(" ], \"Stdout\": ").append(jsonString(stdout)).append(", \"Stderr\": ")
                    .append(jsonString(stderr)).append(" }\n");
        } else {
            if (!headerWritten) {
                List<String> header = new ArrayList<>(List.of("Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive",
                        "Exitval", "Signal", "Command"));
                for (int i = 1; i <= values.size(); i++) {
                    header.add("V" + i);
                }
                header.add("Stdout");
                header.add("Stderr");
                line.append(String.join(separator, header)).append('\n');
                headerWritten = true;
            }
            List<String> fields = new ArrayList<>(List.of(Long.toString(result.job().seq()), ":",
                    String.format(Locale.ROOT, "%.3f", start), String.format(Locale.ROOT, "%.3f", runtime), "0",
                    Integer.toString(result.stdout().length), Integer.toString(result.exitCode()), "0", command));
            fields.addAll(values);
            fields.add(stdout);
            fields.add(stderr);
            for (int i = 0; i < fields.size(); i++) {
                line.append(i == 0 ? "" : separator).append(field(fields.get(i)));
            }
            line.append('\n');
        }
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --results: " + e.getMessage(), e);
        }
    }

    private String field(String value) {
        if (value.contains(separator) || value.contains("\"") || value.contains("\n") || value.contains("\r")
                || value.contains(" ")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** As GNU's: quotes and backslashes escaped, control characters as \\u00XX. */
    private static String jsonString(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // what was flushed is there
        }
    }
}
