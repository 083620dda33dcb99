package dev.futures.cli.run;

/**
 * The exit codes of DESIGN.md, used by every verb. Precedence when several hold:
 * 130/143, 2, 3, 124, 1, 4, 0.
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

    private ExitCodes() {
    }
}
