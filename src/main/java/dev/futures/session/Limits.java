package dev.futures.session;

import java.time.Duration;

/** Bounds that every verb and the HTTP API apply alike. */
public final class Limits {
    /**
     * The longest timeout or duration accepted anywhere: ten years. Longer ones are typing
     * mistakes or stand-ins for "never" (leave the option out for that), and past about 292
     * years a duration no longer fits the JDK's nanosecond timers: it would wrap around and
     * fire at once.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);
    public static final String MAX_DURATION_TEXT = "3650d (ten years)";

    private Limits() {
    }
}
