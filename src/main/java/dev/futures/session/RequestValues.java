package dev.futures.session;

import dev.futures.ReturnWhen;
import java.math.BigDecimal;
import java.time.Duration;

/** Values of session requests and HTTP calls that both read the same way. */
public final class RequestValues {
    private RequestValues() {
    }

    /**
     * Seconds, as Python's timeouts: a JSON number or its text (a query string); null or empty
     * for none.
     *
     * @throws BadRequest for anything else, a negative number, or one past {@link Limits#MAX_DURATION}
     *     (compared before any conversion: {@code 1e100000000} is refused at once, not expanded)
     */
    public static Duration seconds(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return null;
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw new BadRequest("a timeout is a number of seconds, 0 or more: " + value);
        }
        if (seconds.signum() < 0) {
            throw new BadRequest("a timeout is a number of seconds, 0 or more: " + value);
        }
        if (seconds.compareTo(MAX_SECONDS) > 0) {
            throw new BadRequest("a timeout is at most " + MAX_SECONDS.toPlainString() + " seconds ("
                    + Limits.MAX_DURATION_TEXT + "): " + value);
        }
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }

    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Limits.MAX_DURATION.toSeconds());

    /** {@code return_when} by its CPython name; absent means ALL_COMPLETED. */
    public static ReturnWhen returnWhen(Object value) {
        if (value == null) {
            return ReturnWhen.ALL_COMPLETED;
        }
        try {
            return ReturnWhen.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage()); // CPython's text, as on the command line
        }
    }
}
