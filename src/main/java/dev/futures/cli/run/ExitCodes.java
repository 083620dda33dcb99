package dev.futures.cli.run;

/**
 * The exit codes of DESIGN.md, used by every verb. Precedence when several hold:
 * 130/143, 141, 2, 3, 124, 1, 4, 0.
 */
public final class ExitCodes {
    /** Every task finished successfully (work cancelled by the chosen policy is no failure). */
    public static final int OK = 0;
    /** At least one task failed. */
    public static final int FAILED = 1;
    /** Usage error or invalid input; nothing was run. */
    public static final int USAGE = 2;
    /** The executor broke, or no daemon answered. */
    public static final int BROKEN = 3;
    /** The awaited future was cancelled. */
    public static final int CANCELLED = 4;
    /** The --timeout deadline expired. */
    public static final int TIMEOUT = 124;
    /**
     * Standard output was closed under the run ({@code | head}): what a shell reports for a
     * program that SIGPIPE killed (128 + 13). The JVM and the native image catch SIGPIPE, so
     * the failed write is how the run learns of it.
     */
    public static final int STDOUT_CLOSED = 141;

    private ExitCodes() {
    }
}
