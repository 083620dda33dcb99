package dev.futures.cli.input;

/** Input the command cannot accept; reported as one line with exit code 2, before anything runs. */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }

    /**
     * Runs the library's own check of a value the user gave: its refusal becomes a usage error
     * with the library's text, which is CPython's where CPython has one, so the command line and
     * the library never word one rule twice.
     */
    public static void fromLibrary(Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
