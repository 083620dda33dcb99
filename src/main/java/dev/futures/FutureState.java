package dev.futures;

/**
 * The five states of a {@link Future}, with CPython's names.
 *
 * <pre>
 * PENDING --cancel()--------------------> CANCELLED --setRunningOrNotifyCancel()--> CANCELLED_AND_NOTIFIED
 * PENDING --setRunningOrNotifyCancel()--> RUNNING
 * PENDING or RUNNING --setResult()/setException()--> FINISHED
 * </pre>
 *
 * CANCELLED versus CANCELLED_AND_NOTIFIED only tells whether an executor has seen the
 * cancellation; unlike CPython both count as done for {@code wait} and {@code asCompleted} (DEV,
 * spec §3.3).
 */
public enum FutureState {
    PENDING("pending"),
    RUNNING("running"),
    CANCELLED("cancelled"),
    CANCELLED_AND_NOTIFIED("cancelled"),
    FINISHED("finished");

    private final String text;

    FutureState(String text) {
        this.text = text;
    }

    /** The word CPython's repr uses for this state. */
    public String text() {
        return text;
    }

    public boolean isCancelled() {
        return this == CANCELLED || this == CANCELLED_AND_NOTIFIED;
    }

    public boolean isDone() {
        return this == FINISHED || isCancelled();
    }
}
