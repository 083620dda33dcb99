package dev.futures.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command with replacement strings, as GNU parallel's: {@code {}} stands for the input,
 * anywhere inside any word. With no replacement string the input is appended as the last
 * argument. The result is an argv for exec, never re-split by a shell.
 */
final class CommandTemplate {
    private static final String INPUT = "{}";

    private final List<String> words;
    private final boolean hasReplacement;

    CommandTemplate(List<String> words) {
        this.words = List.copyOf(words);
        this.hasReplacement = words.stream().anyMatch(word -> word.contains(INPUT));
    }

    List<String> expand(String input) {
        List<String> argv = new ArrayList<>(words.size() + 1);
        if (!hasReplacement) {
            argv.addAll(words);
            argv.add(input);
            return argv;
        }
        for (String word : words) {
            argv.add(word.replace(INPUT, input));
        }
        return argv;
    }
}
