package dev.futures.cli.output;

import dev.futures.cli.input.CommandTemplate;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --results NAME}: each job's stdout, stderr and sequence number in files, laid out as
 * GNU parallel lays them out. A plain NAME is a tree, {@code NAME/1/VALUE1/2/VALUE2/{stdout,stderr,seq}};
 * a NAME with replacement strings names the files themselves ({@code out_{}} gives
 * {@code out_a}, {@code out_a.err}, {@code out_a.seq}), or a directory of the three when it
 * ends in {@code /}. Without NAME ({@code --files} alone) each job's stdout goes to a
 * temporary file. A NAME ending in {@code .csv}, {@code .tsv} or {@code .json} is one file of
 * every job's record ({@link ResultTable}), and nothing is printed, as with GNU parallel.
 */
public final class ResultFiles {
    private final String name;
    private final CommandTemplate template;
    private final boolean listed;
    /** {@code --results FILE.csv|.tsv|.json}: one file of records instead of files per job; else null. */
    private final ResultTable table;

    private ResultFiles(String name, boolean listed, ResultTable table) {
        this.name = name;
        this.template = name == null ? null : new CommandTemplate(List.of(name));
        this.listed = listed;
        this.table = table;
    }

    /** {@code name}: --results' value, or null for --files' temporary files; {@code listed}: --files. */
    public static ResultFiles of(String name, boolean listed) {
        if (ResultTable.isTable(name)) {
            if (listed) {
                throw new UsageError("--files lists one file per job: it cannot go with --results " + name);
            }
            return new ResultFiles(name, false, ResultTable.open(name));
        }
        return new ResultFiles(name, listed, null);
    }

    /** Where one job's outputs went. */
    record Written(Path stdout, Path stderr) {
    }

    /**
     * Writes the job's outputs and returns what text output shows instead of them: nothing, as
     * GNU parallel shows, or with {@code --files} the name of the file that holds its stdout.
     */
    public JobResult divert(JobResult result, int slot) {
        if (table != null) {
            try {
                table.write(result, result.job().display(slot));
            } catch (UncheckedIOException e) {
                return JobResult.failed(result.job(), result.command(), result.succeeded() ? 1 : result.exitCode(),
                        "ResultsNotWritten", e.getMessage(), result.workerPid(), result.durationNanos());
            }
            return new JobResult(result.job(), result.command(), result.exitCode(), new byte[0], new byte[0],
                    result.workerPid(), result.durationNanos(), result.errorType(), result.errorMessage(), result.value());
        }
        Written written;
        try {
            written = write(result, slot);
        } catch (UncheckedIOException e) {
            // The job ran, its output has nowhere to go: a failure of this job, printed, not the run's end.
            return JobResult.failed(result.job(), result.command(), result.succeeded() ? 1 : result.exitCode(),
                    "ResultsNotWritten", e.getMessage(), result.workerPid(), result.durationNanos());
        }
        byte[] shown = listed ? (written.stdout() + "\n").getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new JobResult(result.job(), result.command(), result.exitCode(), shown, new byte[0], result.workerPid(),
                result.durationNanos(), result.errorType(), result.errorMessage(), result.value());
    }

    /** Writes the job's outputs where they belong, making the directories they need. */
    Written write(JobResult result, int slot) {
        Job job = result.job();
        try {
            if (name == null) {
                // In $TMPDIR, as GNU parallel's: the JVM's own temporary directory ignores it.
                String tmpdir = System.getenv("TMPDIR");
                Path stdout = tmpdir == null || tmpdir.isEmpty() ? Files.createTempFile("futures", ".out")
                        : Files.createTempFile(Path.of(tmpdir), "futures", ".out");
                Files.write(stdout, result.stdout());
                return new Written(stdout, null);
            }
            String expanded = template.text(job.values(), job.seq(), slot);
            if (expanded.equals(name)) {
                return writeAll(Path.of(name).resolve(argumentsAsDirectories(job.values())), "stdout", "stderr", "seq", result);
            }
            if (expanded.endsWith("/")) {
                return writeAll(Path.of(expanded), "stdout", "stderr", "seq", result);
            }
            Path stdout = Path.of(expanded);
            Path dir = stdout.getParent() == null ? Path.of("") : stdout.getParent();
            String file = stdout.getFileName().toString();
            return writeAll(dir, file, file + ".err", file + ".seq", result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --results for job " + job.seq() + ": " + e, e);
        }
    }

    private static Written writeAll(Path dir, String out, String err, String seq, JobResult result) throws IOException {
        if (!dir.toString().isEmpty()) {
            Files.createDirectories(dir);
        }
        Path stdout = dir.resolve(out);
        Path stderr = dir.resolve(err);
        Files.write(stdout, result.stdout());
        Files.write(stderr, result.stderr());
        Files.writeString(dir.resolve(seq), Long.toString(result.job().seq()), StandardCharsets.UTF_8);
        return new Written(stdout, stderr);
    }

    /**
     * {@code 1/VALUE1/2/VALUE2}, each value quoted as GNU parallel quotes it so that it is one
     * directory name: backslash, tab, NUL and slash become {@code \\}, {@code \t}, {@code \0}, {@code \_}.
     */
    static String argumentsAsDirectories(List<String> values) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).replace("\\", "\\\\").replace("\t", "\\t").replace("\0", "\\0").replace("/", "\\_");
            path.append(i == 0 ? "" : "/").append(i + 1).append('/').append(value);
        }
        return path.toString();
    }
}
