package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsAsAShellDoesWithoutExpandingAnything() {
        assertEquals(List.of("--tagstring", "x y", "-j", "2"), ShellWords.split("  --tagstring 'x y'\t-j 2 "));
        assertEquals(List.of("a\"b", "$HOME", "c d", "e\\f"), ShellWords.split("\"a\\\"b\" '$HOME' c\\ d \"e\\f\""));
        assertEquals(List.of("ab", ""), ShellWords.split("a'b' ''"));
        assertEquals(List.of(), ShellWords.split(""));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("'open"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("\"open"));
    }
}
