package dev.futures.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as shell users write them: {@code 30} (seconds, as GNU parallel's --timeout),
 * {@code 1.5s}, {@code 500ms}, {@code 2m}, {@code 1h30m}, {@code 1d}, or ISO-8601 {@code PT5S}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|s|m|h|d)?");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String trimmed = text.trim();
        Duration parsed = trimmed.regionMatches(true, 0, "P", 0, 1) ? iso(trimmed) : units(trimmed.toLowerCase());
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new CommandLine.TypeConversionException(
                    "invalid duration '" + text + "' (examples: 30, 1.5s, 500ms, 2m, 1h30m)");
        }
        return parsed;
    }

    /** The way a user would write it back: {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 250ms}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis % 3_600_000 == 0 ? millis / 3_600_000 + "h" : millis / 60_000 + "m";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text.toUpperCase());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration units(String text) {
        Matcher matcher = PART.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                return null;
            }
            String unit = matcher.group(2);
            if (unit == null && (at != 0 || matcher.end() != text.length())) {
                return null; // a bare number is only allowed alone: "1m30" is ambiguous
            }
            BigDecimal amount = new BigDecimal(matcher.group(1));
            total = total.plus(Duration.ofNanos(amount.multiply(nanosPer(unit)).longValue()));
            at = matcher.end();
        }
        return at == 0 ? null : total;
    }

    private static BigDecimal nanosPer(String unit) {
        long nanos = switch (unit == null ? "s" : unit) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> 1_000_000_000L;
        };
        return BigDecimal.valueOf(nanos);
    }
}
