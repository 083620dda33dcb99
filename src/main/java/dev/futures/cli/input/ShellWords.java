package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.List;

/**
 * A line split into words as a POSIX shell splits it, without expanding anything (what perl's
 * {@code Text::ParseWords::shellwords} gives GNU parallel for its profiles and {@code $PARALLEL}):
 * blanks separate words, single quotes keep everything, double quotes keep all but a backslash
 * before {@code \ " $ `}, and a backslash outside quotes keeps the next character.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /** @throws IllegalArgumentException for a quote left open */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote is not closed in: " + line);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\\\"$`".indexOf(line.charAt(j + 1)) >= 0) {
                        d = line.charAt(++j);
                    }
                    word.append(d);
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("a double quote is not closed in: " + line);
                }
                i = j;
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
