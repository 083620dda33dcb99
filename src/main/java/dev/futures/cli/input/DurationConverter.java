package dev.futures.cli.input;

import dev.futures.session.Limits;
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
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|s|m|h|d)?");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        String trimmed = text.trim();
        BigDecimal nanos = trimmed.regionMatches(true, 0, "P", 0, 1) ? iso(trimmed) : units(trimmed.toLowerCase());
        if (nanos == null || nanos.compareTo(BigDecimal.ONE) < 0) {
            throw new CommandLine.TypeConversionException(
                    "invalid duration '" + text + "' (examples: 30, 1.5s, 500ms, 2m, 1h30m)");
        }
        // Compared exactly, before any conversion to long: a huge one used to wrap around to 0 ms.
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new CommandLine.TypeConversionException(
                    "duration '" + text + "' is longer than " + Limits.MAX_DURATION_TEXT);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Limits.MAX_DURATION.toNanos());

    /** The way a user would write it back: {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 250ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis % 3_600_000 == 0 ? millis / 3_600_000 + "h" : millis / 60_000 + "m";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /** Nanoseconds, or null for text that is not ISO-8601 (or too large for a Duration). */
    private static BigDecimal iso(String text) {
        try {
            Duration parsed = Duration.parse(text.toUpperCase());
            return new BigDecimal(parsed.getSeconds()).movePointRight(9).add(BigDecimal.valueOf(parsed.getNano()));
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Nanoseconds, exactly, or null for text that is not a sum of numbers with units. */
    private static BigDecimal units(String text) {
        Matcher matcher = PART.matcher(text);
        BigDecimal total = BigDecimal.ZERO;
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
            total = total.add(amount.multiply(nanosPer(unit)));
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
