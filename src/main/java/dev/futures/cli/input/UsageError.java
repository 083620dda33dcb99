package dev.futures.cli.input;

/** Input the command cannot accept; reported as one line with exit code 2, before anything runs. */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
