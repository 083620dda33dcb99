package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void acceptsWhatShellUsersWrite() {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("1h30m"));
        assertEquals(Duration.ofDays(1), DurationConverter.parse("1d"));
        assertEquals(Duration.ofSeconds(5), DurationConverter.parse("PT5S"));
        assertEquals(Duration.ofSeconds(5), DurationConverter.parse(" 5s "));
    }

    @Test
    void refusesTheRest() {
        for (String bad : new String[] {"", "soon", "-5", "0", "0s", "5x", "1m30", "s", "1..5s", "PTxS"}) {
            assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(bad), bad);
        }
    }

    @Test
    void formatsBackReadably() {
        assertEquals("1s", DurationConverter.format(Duration.ofSeconds(1)));
        assertEquals("1.5s", DurationConverter.format(Duration.ofMillis(1500)));
        assertEquals("250ms", DurationConverter.format(Duration.ofMillis(250)));
        assertEquals("2m", DurationConverter.format(Duration.ofMinutes(2)));
        assertEquals("1h", DurationConverter.format(Duration.ofHours(1)));
    }
}
