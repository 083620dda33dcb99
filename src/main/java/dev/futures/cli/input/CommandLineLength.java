package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.List;

/**
 * The length of a job's command line as GNU parallel counts it when it fills -m, -X and
 * --xargs jobs: the command's words, and for each {@code {}} the job's values, shell-quoted,
 * with a space between them; under -X the word around {@code {}} once per value. A command
 * without {@code {}} has it appended as a word of its own.
 */
final class CommandLineLength {
    private final long fixed;
    private final long context;
    private final int contextWords;
    private final int occurrences;
    private final boolean repeated;

    /**
     * @param command       the command's words
     * @param replaceString -I's string for the input, or null for {@code {}}
     * @param repeated      -X: the word around the input repeats for each value
     */
    CommandLineLength(List<String> command, String replaceString, boolean repeated) {
        String input = replaceString == null ? "{}" : replaceString;
        List<String> words = new ArrayList<>(command);
        if (words.stream().noneMatch(word -> word.contains(input))) {
            words.add(input);
        }
        long nonContext = 0;
        long contextLength = 0;
        int withInput = 0;
        int count = 0;
        for (String word : words) {
            int inWord = (word.length() - word.replace(input, "").length()) / input.length();
            if (inWord == 0) {
                nonContext += word.length();
            } else {
                contextLength += word.length() - (long) inWord * input.length();
                withInput++;
                count += inWord;
            }
        }
        this.fixed = nonContext + words.size() - 1;
        this.context = contextLength;
        this.contextWords = withInput;
        this.occurrences = count;
        this.repeated = repeated;
    }

    /** The line's length with {@code values} values whose quoted lengths add up to {@code quoted}. */
    long of(int values, long quoted) {
        if (repeated) {
            return fixed + values * context + occurrences * quoted + (long) (values - 1) * contextWords;
        }
        return fixed + context + occurrences * (quoted + values - 1);
    }
}
