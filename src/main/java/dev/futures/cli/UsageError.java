package dev.futures.cli;

/** Input the command cannot accept; reported as one line with exit code 2, before anything runs. */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
