package dev.futures.cli.output;

import dev.futures.cli.jobs.Job;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * GNU parallel's {@code --line-buffer} (and {@code -u}): each job's stdout reaches ours line by
 * line while the job runs, whole lines only, so lines of different jobs mix but never a line
 * with another. A job's last line without a newline goes out when the job ends. With {@code -k}
 * only the oldest job whose result is not printed yet goes out live (GNU's rule); the others'
 * lines wait until it is their turn. {@code --tag}/{@code --tagstring} prefix every line.
 */
public final class LiveLines {
    private final PrintStream out;
    private final TextLook look;
    private final int workers;
    private final boolean inputOrder;
    /** With -k: the job whose lines go out as they come; later jobs' lines are held. */
    private long live = 1;
    private final Map<Long, ByteArrayOutputStream> held = new HashMap<>();

    public LiveLines(PrintStream out, TextLook look, int workers, boolean inputOrder) {
        this.out = out;
        this.look = look;
        this.workers = workers;
        this.inputOrder = inputOrder;
    }

    /** Where {@code job}'s stdout goes; closing it writes out its last, unterminated line. */
    public OutputStream of(Job job) {
        String tag = look.tagOf(job, job.slotAmong(workers));
        return new JobLines(job.seq(), tag == null ? null : (tag + "\t").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * With -k, called as {@code job}'s result is printed (in input order): what it wrote while
     * held goes out, and the next job's lines go out live from here on.
     */
    synchronized void printed(Job job) {
        if (!inputOrder) {
            return;
        }
        release(job.seq());
        live = job.seq() + 1;
        release(live);
    }

    private void release(long seq) {
        ByteArrayOutputStream lines = held.remove(seq);
        if (lines != null) {
            out.write(lines.toByteArray(), 0, lines.size());
            out.flush();
        }
    }

    private synchronized void emit(long seq, byte[] prefix, byte[] bytes, int from, int to) {
        if (inputOrder && seq != live) {
            ByteArrayOutputStream lines = held.computeIfAbsent(seq, s -> new ByteArrayOutputStream());
            write(lines, prefix, bytes, from, to);
            return;
        }
        write(out, prefix, bytes, from, to);
        out.flush();
    }

    private static void write(OutputStream to, byte[] prefix, byte[] bytes, int from, int end) {
        try {
            if (prefix != null) {
                to.write(prefix);
            }
            to.write(bytes, from, end - from);
        } catch (IOException e) {
            // A PrintStream records its own errors (checkError: the run ends on a closed stdout);
            // a ByteArrayOutputStream throws none.
        }
    }

    /** One job's stdout, cut into lines as it comes. */
    private final class JobLines extends OutputStream {
        private final long seq;
        private final byte[] prefix;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        JobLines(long seq, byte[] prefix) {
            this.seq = seq;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int end = offset + length;
            int last = end - 1;
            while (last >= offset && bytes[last] != '\n') {
                last--;
            }
            if (last < offset) {
                partial.write(bytes, offset, length);
                return;
            }
            partial.write(bytes, offset, last + 1 - offset);
            byte[] lines = partial.toByteArray();
            partial.reset();
            partial.write(bytes, last + 1, end - last - 1);
            if (prefix == null) {
                emit(seq, null, lines, 0, lines.length); // whole lines: one write, one flush
                return;
            }
            int start = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i] == '\n') {
                    emit(seq, prefix, lines, start, i + 1);
                    start = i + 1;
                }
            }
        }

        @Override
        public void close() {
            if (partial.size() > 0) {
                emit(seq, prefix, partial.toByteArray(), 0, partial.size());
                partial.reset();
            }
        }
    }
}
