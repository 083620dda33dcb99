package dev.futures;

import java.util.concurrent.CancellationException;

/** Raised by {@code result()} and {@code exception()} of a cancelled future (CPython: no message). */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }
}
