package dev.futures.cli.input;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import picocli.CommandLine.Option;

/**
 * Several inputs per job, as GNU parallel and xargs give them: {@code -N n} (or {@code -n},
 * {@code -L}) puts n inputs in each job, {@code {1}} to {@code {n}} naming them and {@code {}}
 * all of them ({@code -N0}: none, the job runs once per input without it); {@code -m} and
 * {@code -X} spread all inputs evenly over the job slots, {@code -m} putting them all where
 * {@code {}} is, {@code -X} repeating the word around {@code {}} for each; {@code --xargs}
 * puts as many as fit in one command line. A job's values are its inputs' values, in order.
 */
public class ArgsPerJob {
    /** Linux's limit on one argument (MAX_ARG_STRLEN): GNU parallel's command line goes to its shell as one. */
    private static final int ARGUMENT_LIMIT = 131_072;

    @Option(names = {"-s", "--max-chars"}, paramLabel = "N",
            description = "-m, -X and --xargs build command lines shorter than N characters (default: GNU parallel's "
                    + "usable length, (--max-line-length-allowed - 3000) / 2).")
    Integer maxChars;

    /** How a word around {@code {}} takes several inputs. */
    public enum Context {
        /** -N and default: {@code {}} is the values joined by spaces, in one word. */
        JOINED,
        /** -m: the word splits at the joins, as a shell splits GNU parallel's line. */
        SPLIT,
        /** -X: the word is repeated for each value. */
        REPEATED
    }

    @Option(names = {"-N", "--max-replace-args"}, paramLabel = "N",
            description = "N inputs per job: {1} to {N} name them, {} is all of them (-N0: none).")
    Integer maxReplaceArgs;

    @Option(names = {"-n", "--max-args"}, paramLabel = "N", description = "N inputs per job, as xargs -n (like -N).")
    Integer maxArgs;

    @Option(names = {"-L", "--max-lines"}, paramLabel = "N", description = "N input lines per job (like -N).")
    Integer maxLines;

    @Option(names = {"-m"}, description = "Spread all inputs evenly over the job slots; {} is all of a job's inputs.")
    boolean multiple;

    @Option(names = {"-X"}, description = "As -m, but the word around {} is repeated for each input (context replace).")
    boolean contextReplace;

    @Option(names = "--xargs", description = "As many inputs per job as fit in one command line, as xargs does.")
    boolean xargs;

    /** Whether any of these options was given: jobs then hold several inputs each. */
    public boolean active() {
        return count() != null || multiple || contextReplace || xargs;
    }

    /**
     * {@code --pipe}'s records per block: -N, -n or -L's count, or 0 (cut by --block).
     *
     * @throws UsageError for -m, -X, --xargs or a count below 1, which mean nothing for blocks
     */
    public int pipeRecords() {
        if (multiple || contextReplace || xargs) {
            throw new UsageError("--pipe takes -N RECORDS (or --block SIZE); -m, -X and --xargs are for arguments");
        }
        if (maxLines != null) {
            return 0; // -L N: records of N lines (pipeLinesPerRecord), cut by --block
        }
        Integer count = count();
        if (count != null && count < 1) {
            throw new UsageError("--pipe -N needs at least 1 record per block, got " + count);
        }
        return count == null ? 0 : count;
    }

    /** {@code --pipe -L N}: N lines make one record, as in GNU parallel; else 1. */
    public int pipeLinesPerRecord() {
        if (maxLines != null && maxLines < 1) {
            throw new UsageError("--pipe -L needs at least 1 line per record, got " + maxLines);
        }
        return maxLines == null ? 1 : maxLines;
    }

    public Context context() {
        return contextReplace ? Context.REPEATED : multiple || xargs ? Context.SPLIT : Context.JOINED;
    }

    /** The fixed count of -N, -n or -L; null when not given. */
    private Integer count() {
        return maxReplaceArgs != null ? maxReplaceArgs : maxArgs != null ? maxArgs : maxLines;
    }

    /**
     * How many values a job may name with {1}..{N}, for the template's check: any, with these
     * options, since a last job may hold fewer inputs (a value it lacks is empty, as in GNU
     * parallel); else one per input group.
     */
    public int width(int groups) {
        return active() ? Integer.MAX_VALUE : groups;
    }

    /** How many jobs {@code inputs} known inputs make; -1 for --xargs, which fills by length. */
    public long jobs(long inputs, int workers) {
        Integer count = count();
        if (count != null) {
            return count == 0 ? inputs : (inputs + count - 1) / count;
        }
        return xargs ? -1 : Math.min(inputs, workers);
    }

    /** @throws UsageError for two of these options at once, or a negative count */
    public void validate() {
        int given = (maxReplaceArgs != null ? 1 : 0) + (maxArgs != null ? 1 : 0) + (maxLines != null ? 1 : 0)
                + (multiple ? 1 : 0) + (contextReplace ? 1 : 0) + (xargs ? 1 : 0);
        if (given > 1) {
            throw new UsageError("-N, -n, -L, -m, -X and --xargs each say how many inputs a job takes: give one");
        }
        Integer count = count();
        if (count != null && (count < 0 || (count == 0 && maxLines != null))) {
            throw new UsageError("-N/-n/-L must be at least 1 (-N0 or -n0: no input in the command), got " + count);
        }
    }

    /** The jobs' values: each the values of the inputs it takes. */
    public Iterator<List<String>> group(Iterator<List<String>> inputs, int workers, List<String> command,
            String replaceString) {
        Integer count = count();
        if (count != null) {
            return count == 0 ? none(inputs) : new Fixed(inputs, count);
        }
        return new Filled(inputs, new CommandLineLength(command, replaceString, contextReplace), usableLength(), workers,
                !xargs);
    }

    /**
     * The longest command line GNU parallel finds here: its search (from 324, times 16 while a
     * line runs, then halving until within 1 %) against the one-argument limit its shell line
     * meets, so the same number as {@code parallel --max-line-length-allowed} prints.
     */
    public static long maxLineLength() {
        long lower;
        long length = 324;
        do {
            lower = length;
            length *= 16;
        } while (length < ARGUMENT_LIMIT);
        long upper = length;
        while (!(lower == upper || lower == upper - 1 || (double) lower / upper > 0.99)) {
            long middle = (upper - lower) / 2 + lower;
            if (middle < ARGUMENT_LIMIT) {
                lower = middle;
            } else {
                upper = middle;
            }
        }
        return lower;
    }

    /** GNU parallel's usable length: room for its wrapping, halved for its quoting; or -s N below that. */
    private int usableLength() {
        int usable = (int) ((maxLineLength() - 3000) / 2);
        return maxChars != null && maxChars > 0 && maxChars <= usable ? maxChars : usable;
    }

    private static Iterator<List<String>> none(Iterator<List<String>> inputs) {
        return Iterators.mapped(inputs, input -> List.of());
    }

    /** n inputs per job; the last job takes what is left. */
    private static final class Fixed implements Iterator<List<String>> {
        private final Iterator<List<String>> inputs;
        private final int count;

        Fixed(Iterator<List<String>> inputs, int count) {
            this.inputs = inputs;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return inputs.hasNext();
        }

        @Override
        public List<String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < count && inputs.hasNext(); i++) {
                values.addAll(inputs.next());
            }
            return List.copyOf(values);
        }
    }

    /**
     * GNU parallel's filling of -m, -X and --xargs jobs: inputs join a job while its command
     * line stays shorter than the usable length; with -m and -X, when the inputs run out the
     * job being filled is spread evenly over the job slots, and every later job takes as many.
     */
    private static final class Filled implements Iterator<List<String>> {
        private final Iterator<List<String>> inputs;
        private final CommandLineLength length;
        private final int usable;
        private final int workers;
        private final boolean spreads;
        private final Deque<List<String>> pending = new ArrayDeque<>();
        private int perJob = Integer.MAX_VALUE;
        private boolean spread;

        Filled(Iterator<List<String>> inputs, CommandLineLength length, int usable, int workers, boolean spreads) {
            this.inputs = inputs;
            this.length = length;
            this.usable = usable;
            this.workers = workers;
            this.spreads = spreads;
        }

        @Override
        public boolean hasNext() {
            return !pending.isEmpty() || inputs.hasNext();
        }

        private List<String> take() {
            return pending.isEmpty() ? inputs.next() : pending.removeFirst();
        }

        @Override
        public List<String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<List<String>> taken = new ArrayList<>();
            long quoted = 0;
            int values = 0;
            while (hasNext() && taken.size() < perJob) {
                List<String> input = take();
                long inputQuoted = input.stream().mapToLong(value -> ShellQuote.quote(value).length()).sum();
                taken.add(input);
                quoted += inputQuoted;
                values += input.size();
                if (taken.size() > 1 && length.of(values, quoted) >= usable) {
                    pending.addFirst(taken.remove(taken.size() - 1)); // the next job begins with it
                    break;
                }
            }
            if (spreads && !spread && !hasNext() && taken.size() > 1) {
                spread = true;
                perJob = (taken.size() + workers - 1) / workers;
                while (taken.size() > perJob) {
                    pending.addFirst(taken.remove(taken.size() - 1));
                }
            }
            List<String> job = new ArrayList<>();
            taken.forEach(job::addAll);
            return List.copyOf(job);
        }
    }
}
