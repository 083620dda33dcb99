package dev.futures.cli.jobs;

import dev.futures.cli.input.UsageError;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a run stops early: after {@code count} jobs (or {@code percent} of all jobs) have failed,
 * succeeded or finished. {@code --return-when FIRST_EXCEPTION} is fail=1, {@code FIRST_COMPLETED}
 * is done=1, and GNU parallel's {@code --halt soon|now,fail|success|done=N|N%} says the same with
 * what happens to running jobs ({@code soon}: they finish, {@code now}: they are killed).
 *
 * @param spelling how the user wrote it, for messages ({@code --halt now,fail=1}); null for none
 */
public record Halt(Why why, long count, int percent, String spelling) {

    /** What is counted. */
    public enum Why {
        fail, success, done
    }

    /** Every job runs (ALL_COMPLETED, GNU's {@code never}). */
    public static final Halt NEVER = new Halt(null, 0, 0, null);

    /** GNU parallel's old numeric forms. */
    private static final Map<String, String> SHORTHANDS = Map.of("0", "never", "1", "soon,fail=1", "2", "now,fail=1",
            "-1", "soon,success=1", "-2", "now,success=1");

    private static final Pattern FORM = Pattern.compile("(soon|now),(fail|success|done)=(\\d+)(%?)");

    /** {@code --return-when FIRST_EXCEPTION}: at the first failure. */
    public static Halt firstFailure() {
        return new Halt(Why.fail, 1, 0, null);
    }

    /** {@code --return-when FIRST_COMPLETED}: when the first job ends. */
    public static Halt firstDone() {
        return new Halt(Why.done, 1, 0, null);
    }

    /**
     * Parses {@code --halt}'s value, with whether running jobs are killed ({@code now}).
     *
     * @throws UsageError for anything GNU parallel would refuse
     */
    public static Parsed parse(String text) {
        String form = SHORTHANDS.getOrDefault(text, text.matches("\\d+%") ? "soon,fail=" + text : text);
        if (form.equals("never")) {
            return new Parsed(NEVER, false);
        }
        Matcher m = FORM.matcher(form);
        if (!m.matches()) {
            throw new UsageError("--halt takes never, soon,WHY=N, soon,WHY=N%, now,WHY=N or now,WHY=N% "
                    + "(WHY is fail, success or done), or 0, 1, 2, -1, -2, N%; got '" + text + "'");
        }
        long n = Long.parseLong(m.group(3));
        boolean percent = !m.group(4).isEmpty();
        if (n < 1 || percent && n > 100) {
            throw new UsageError("--halt's count must be at least 1" + (percent ? " and at most 100%" : "") + "; got '"
                    + text + "'");
        }
        Halt halt = new Halt(Why.valueOf(m.group(2)), percent ? 0 : n, percent ? (int) n : 0, "--halt " + text);
        return new Parsed(halt, m.group(1).equals("now"));
    }

    /** A parsed {@code --halt}: the condition, and whether running jobs are killed when it holds. */
    public record Parsed(Halt halt, boolean now) {
    }

    public boolean isNever() {
        return why == null;
    }

    /** A percentage is of all jobs: they are counted before the run starts. */
    public boolean needsTotal() {
        return percent > 0;
    }

    /** Whether the condition holds after a job ended this way, with these counts so far. */
    boolean reached(boolean succeeded, long failed, long successes, long total) {
        if (why == null || why == Why.fail && succeeded || why == Why.success && !succeeded) {
            return false; // GNU parallel checks only when a job of the counted kind ends
        }
        long counted = switch (why) {
            case fail -> failed;
            case success -> successes;
            case done -> failed + successes;
        };
        // As GNU parallel: N% of T jobs is reached at T*N/100 of them, rounded up.
        long limit = percent > 0 ? (total * percent + 99) / 100 : count;
        return counted >= Math.max(1, limit);
    }

    /** What the counted job did, for the halt message: "failed", "succeeded", "finished". */
    public String verb() {
        return switch (why) {
            case fail -> "failed";
            case success -> "succeeded";
            case done -> "finished";
        };
    }
}
