package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void replacesInsideAnyWordAndNeverSplits() {
        CommandTemplate template = new CommandTemplate(List.of("sh", "-c", "sleep 1; echo {}", "{}.gz"));
        assertEquals(List.of("sh", "-c", "sleep 1; echo a b", "a b.gz"), template.expand("a b"));
    }

    @Test
    void appendsTheInputWhenNoReplacementString() {
        assertEquals(List.of("gzip", "-k", "x.log"), new CommandTemplate(List.of("gzip", "-k")).expand("x.log"));
    }
}
