package dev.futures.session;

import dev.futures.ReturnWhen;
import java.math.BigDecimal;
import java.time.Duration;

/** Values of session requests and HTTP calls that both read the same way. */
final class RequestValues {
    private RequestValues() {
    }

    /**
     * Seconds, as Python's timeouts: a JSON number or its text (a query string); null or empty
     * for none.
     *
     * @throws BadRequest for anything else, or a negative number
     */
    static Duration seconds(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.toString());
            if (seconds.signum() < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        } catch (NumberFormatException e) {
            throw new BadRequest("a timeout is a number of seconds, 0 or more: " + value);
        }
    }

    /** {@code return_when} by its CPython name; absent means ALL_COMPLETED. */
    static ReturnWhen returnWhen(Object value) {
        if (value == null) {
            return ReturnWhen.ALL_COMPLETED;
        }
        try {
            return ReturnWhen.valueOf(value.toString());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'return_when' must be ALL_COMPLETED, FIRST_COMPLETED or FIRST_EXCEPTION");
        }
    }
}
