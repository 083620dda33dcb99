package dev.futures.cli.options;

import dev.futures.ReturnWhen;
import dev.futures.cli.input.DurationConverter;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.Halt;
import dev.futures.cli.jobs.StartGate;
import dev.futures.cli.run.UnfinishedWork;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** When a run stops early. */
public class PolicyOptions {

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "One deadline for the whole run (e.g. 30, 1.5s, 500ms, 2m): when it passes, "
                    + "pending tasks are cancelled, running ones killed, and the exit code is 124. Under --gnu (and "
                    + "as 'parallel') GNU parallel's per-job limit instead: DURATION, or N%% of the median runtime "
                    + "of the jobs done so far.")
    String timeout;

    /** --timeout as the whole run's deadline: futures' meaning; null under GNU's rules or when not given. */
    Duration runDeadline(boolean gnu) {
        if (timeout == null || gnu) {
            return null;
        }
        if (timeout.strip().endsWith("%")) {
            throw new UsageError("'" + timeout + "': --timeout is the whole run's deadline here, so GNU parallel's "
                    + "N% of the median job has no meaning; limit each job with --task-timeout DURATION, or use --gnu");
        }
        return duration(timeout);
    }

    /** Under GNU's rules, --timeout DURATION: each job's limit; else null. */
    Duration jobTimeout(boolean gnu) {
        return gnu && timeout != null && !timeout.strip().endsWith("%") ? duration(timeout) : null;
    }

    /** Under GNU's rules, --timeout N%: N; else 0. */
    double jobTimeoutPercent(boolean gnu) {
        if (!gnu || timeout == null || !timeout.strip().endsWith("%")) {
            return 0;
        }
        String percent = timeout.strip();
        try {
            double value = Double.parseDouble(percent.substring(0, percent.length() - 1));
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageError("--timeout N% needs a percentage above 0, such as 200%, got '" + timeout + "'");
    }

    private static Duration duration(String text) {
        try {
            return DurationConverter.parse(text);
        } catch (RuntimeException e) {
            throw new UsageError("--timeout: " + e.getMessage());
        }
    }

    @Option(names = "--delay", paramLabel = "DURATION",
            description = "Start each job at least DURATION after the one before it (GNU parallel's --delay; 0: no delay).")
    String delay;

    @Option(names = "--memfree", paramLabel = "SIZE",
            description = "Start a job only while at least SIZE of memory is available, and kill the youngest running "
                    + "job (thread pool) while less than half is (GNU parallel's --memfree; K, M, G, T are powers of "
                    + "1024, k, m, g, t of 1000).")
    String memfree;

    @Option(names = "--load", paramLabel = "MAX",
            description = "Start a job only while fewer than MAX processes are running or waiting on the disk "
                    + "right now, as GNU parallel's --load counts (N%% is that share of the CPUs).")
    String load;

    @Option(names = "--noswap", description = "Start a job only while the machine is not swapping both in and out "
            + "(GNU parallel's --noswap; /proc/vmstat).")
    boolean noSwap;

    /** {@code --memfree}, {@code --load} and {@code --noswap}, or null for none. */
    StartGate startGate() {
        if (memfree == null && load == null && !noSwap) {
            return null;
        }
        return new StartGate(memfree == null ? 0 : bytes(memfree), load == null ? 0 : load(load), noSwap);
    }

    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTPkmgtp]?)")
                .matcher(size.strip());
        if (!matcher.matches()) {
            throw new UsageError("--memfree needs a size such as 1G or 500M, got '" + size + "'");
        }
        String unit = matcher.group(2);
        int power = unit.isEmpty() ? 0 : "kmgtp".indexOf(Character.toLowerCase(unit.charAt(0))) + 1;
        double base = unit.isEmpty() || Character.isUpperCase(unit.charAt(0)) ? 1024 : 1000;
        return (long) (Double.parseDouble(matcher.group(1)) * Math.pow(base, power));
    }

    private static double load(String max) {
        try {
            if (max.strip().endsWith("%")) {
                return Double.parseDouble(max.strip().replace("%", "")) / 100
                        * Runtime.getRuntime().availableProcessors();
            }
            return Double.parseDouble(max.strip());
        } catch (NumberFormatException e) {
            throw new UsageError("--load needs a number such as 2 or 150%, got '" + max + "'");
        }
    }

    /** {@code --delay}, or null for none. */
    Duration delay() {
        if (delay == null || delay.strip().matches("0+(\\.0*)?[a-z]*")) {
            return null;
        }
        try {
            return DurationConverter.parse(delay);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new UsageError("--delay: " + e.getMessage());
        }
    }

    @Option(names = "--return-when", paramLabel = "ALL_COMPLETED|FIRST_COMPLETED|FIRST_EXCEPTION",
            defaultValue = "ALL_COMPLETED", completionCandidates = ReturnWhenNames.class,
            description = "Return when every task is done (default), when the first one is, or at the first failure; "
                    + "with FIRST_* results print as they complete.")
    String returnWhen;

    /** --return-when's names, for completion and --help. */
    public static final class ReturnWhenNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ReturnWhen.values()).map(Enum::name).iterator();
        }
    }

    /** @throws UsageError with CPython's text for a name that is no condition */
    public static ReturnWhen returnWhen(String name) {
        try {
            return ReturnWhen.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    ReturnWhen returnWhen() {
        return returnWhen(returnWhen);
    }

    @Option(names = "--then", paramLabel = "cancel|wait|kill",
            description = "Work unfinished when the run returns early: cancel what has not started and let running "
                    + "tasks finish (default), wait for everything, or kill running tasks too.")
    UnfinishedWork then;

    @Option(names = {"--halt", "--halt-on-error"}, paramLabel = "WHEN,WHY=N[%]",
            description = "GNU parallel's form of the two above: stop after N jobs (or N%% of them) have failed, "
                    + "succeeded or finished (WHY = fail, success, done); WHEN = soon lets running jobs finish, "
                    + "now kills them. Also never, 0, 1 (soon,fail=1), 2 (now,fail=1), -1, -2, N%% (soon,fail=N%%). "
                    + "Results keep their order.")
    String halt;

    /** The halt condition these options ask for. */
    Halt halt() {
        if (halt != null) {
            return Halt.parse(halt).halt();
        }
        return switch (returnWhen()) {
            case FIRST_EXCEPTION -> Halt.firstFailure();
            case FIRST_COMPLETED -> Halt.firstDone();
            case ALL_COMPLETED -> Halt.NEVER;
        };
    }

    /** What happens to unfinished work once the halt condition holds. */
    UnfinishedWork then() {
        if (halt == null) {
            return then == null ? UnfinishedWork.cancel : then;
        }
        if (then != null || returnWhen() != ReturnWhen.ALL_COMPLETED) {
            throw new UsageError("--halt says both when to stop and what happens to running jobs: "
                    + "give it or --return-when/--then, not both");
        }
        return Halt.parse(halt).now() ? UnfinishedWork.kill : UnfinishedWork.cancel;
    }
}
