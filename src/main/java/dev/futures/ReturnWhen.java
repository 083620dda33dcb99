package dev.futures;

/** When {@link Futures#wait} returns; the names of CPython's constants. */
public enum ReturnWhen {
    /** As soon as any future finishes or is cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future raises; without a failure this is {@link #ALL_COMPLETED}. */
    FIRST_EXCEPTION,
    /** When every future has finished or been cancelled. */
    ALL_COMPLETED;

    /**
     * The constant of this name, as a caller spells it on a command line or in a request.
     *
     * @throws IllegalArgumentException {@code "Invalid return condition: 'X'"}, CPython's text
     */
    public static ReturnWhen parse(String name) {
        for (ReturnWhen value : values()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("Invalid return condition: '" + name + "'");
    }
}
