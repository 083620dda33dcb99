package dev.futures;

/** When {@link Futures#wait} returns; the names of CPython's constants. */
public enum ReturnWhen {
    /** As soon as any future finishes or is cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future raises; without a failure this is {@link #ALL_COMPLETED}. */
    FIRST_EXCEPTION,
    /** When every future has finished or been cancelled. */
    ALL_COMPLETED
}
