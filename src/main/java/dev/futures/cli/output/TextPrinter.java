package dev.futures.cli.output;

import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobResult;
import dev.futures.cli.jobs.PoolSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Each task's stdout as one block on stdout, its stderr as one block on stderr. */
public final class TextPrinter implements ResultPrinter {
    private final PrintStream out;
    private final PrintStream err;
    private final TextLook look;
    private final int workers;
    private final LiveLines live;

    /**
     * {@code look}: the tag and command line that go with each output (GNU parallel's --tag, -v);
     * {@code live}: where commands' stdout went as it came (--line-buffer), else null.
     */
    public TextPrinter(PrintStream out, PrintStream err, TextLook look, int workers, LiveLines live) {
        this.out = out;
        this.err = err;
        this.look = look;
        this.workers = workers;
        this.live = live;
    }

    @Override
    public void start(String op, PoolSettings pool) {
    }

    @Override
    public void result(JobResult result) {
        int slot = result.job().slotAmong(workers);
        String tag = look.tagOf(result.job(), slot);
        byte[] prefix = tag == null ? null : (tag + "\t").getBytes(StandardCharsets.UTF_8);
        if (look.verbose()) {
            // As GNU parallel does: the command line just before its output, tagged like it.
            byte[] line = (result.job().display(slot) + "\n").getBytes(StandardCharsets.UTF_8);
            block(look.traceToStderr() ? err : out, line, prefix);
        }
        if (live != null) {
            live.printed(result.job());
        }
        block(out, result.stdout(), prefix);
        block(err, result.stderr(), prefix);
    }

    /** One write per block, so blocks never interleave; with a prefix, before every line. */
    private static void block(PrintStream stream, byte[] bytes, byte[] prefix) {
        if (bytes.length == 0) {
            return;
        }
        if (prefix == null) {
            stream.write(bytes, 0, bytes.length);
        } else {
            ByteArrayOutputStream tagged = new ByteArrayOutputStream(bytes.length + 64);
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    if (i > start || i < bytes.length) {
                        tagged.write(prefix, 0, prefix.length);
                        tagged.write(bytes, start, Math.min(i + 1, bytes.length) - start);
                    }
                    start = i + 1;
                }
            }
            stream.write(tagged.toByteArray(), 0, tagged.size());
        }
        stream.flush();
    }

    @Override
    public void broken(Job job, RuntimeException error) {
    }

    @Override
    public void timeout(long unfinished, long total, String message) {
    }

    @Override
    public void cancelled(Job job) {
    }

    @Override
    public void interrupted(int signal) {
    }

    @Override
    public void summary(List<Long> done, List<Long> notDone) {
    }

    @Override
    public void end(int exitCode) {
    }
}
