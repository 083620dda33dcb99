package dev.futures.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command with GNU parallel's replacement strings, anywhere inside any word:
 * <ul>
 *   <li>{@code {}} the input (several input groups: their values joined by spaces);
 *   <li>{@code {.}} without its extension, {@code {/}} its basename, {@code {//}} its
 *       directory, {@code {/.}} its basename without extension;
 *   <li>{@code {N}}, {@code {N.}}, {@code {N/}}, {@code {N//}}, {@code {N/.}} the same for the
 *       value of input group N (from 1);
 *   <li>{@code {#}} the job's sequence number (from 1), {@code {%}} its job slot (1 to -j).
 * </ul>
 * With no replacement string the inputs are appended as the last arguments. {@code -I STR}
 * makes STR the input's replacement string instead of {@code {}} (which is then literal), as
 * in GNU parallel and xargs. The result is an argv for exec, never re-split by a shell; or, for
 * a shell line ({@link #shellLine}), one string with each value shell-quoted, as GNU parallel
 * quotes what it puts into the line its shell runs.
 */
final class CommandTemplate {
    private static final Pattern REPLACEMENT = Pattern.compile("\\{(\\d*)(/\\.|//|\\.|/)?\\}|\\{#\\}|\\{%\\}");

    private final List<String> words;
    private final boolean hasReplacement;
    private final int highestGroup;
    /** -I's replace string, or null for {@code {}}. */
    private final String replaceString;
    /** A shell line: every value goes in shell-quoted. */
    private final boolean quoted;

    CommandTemplate(List<String> words) {
        this(words, null, false);
    }

    /**
     * @param replaceString -I's string for the input instead of {@code {}} (null: {@code {}})
     * @param quoted        a shell line's template: values are shell-quoted into it
     */
    CommandTemplate(List<String> words, String replaceString, boolean quoted) {
        this.words = List.copyOf(words);
        this.replaceString = replaceString == null || replaceString.equals("{}") ? null : replaceString;
        this.quoted = quoted;
        int highest = 0;
        boolean any = false;
        for (String word : words) {
            if (this.replaceString != null && word.contains(this.replaceString)) {
                any = true;
            }
            Matcher matcher = REPLACEMENT.matcher(word);
            while (matcher.find()) {
                if (this.replaceString != null && matcher.group().equals("{}")) {
                    continue; // literal under -I
                }
                any = true;
                String group = matcher.group(1);
                if (group != null && !group.isEmpty()) {
                    // {0} and a number past any int name no group: refused here, with exit 2.
                    if (group.length() > 9 || Integer.parseInt(group) < 1) {
                        throw new UsageError("{" + group + "} in '" + word + "' names no input group: groups count from {1}");
                    }
                    highest = Math.max(highest, Integer.parseInt(group));
                }
            }
        }
        this.hasReplacement = any;
        this.highestGroup = highest;
    }

    /** @throws UsageError if the command names an input group that does not exist ({@code {3}} with 2 groups) */
    void requireGroups(int groups) {
        if (highestGroup > groups) {
            throw new UsageError("{" + highestGroup + "} names input group " + highestGroup + ", but there "
                    + (groups == 1 ? "is 1" : "are " + groups));
        }
    }

    List<String> expand(List<String> values, long seq, int slot) {
        List<String> argv = new ArrayList<>(words.size() + values.size());
        if (!hasReplacement) {
            argv.addAll(words);
            argv.addAll(values);
            return argv;
        }
        for (String word : words) {
            argv.add(expandWord(word, values, seq, slot));
        }
        return argv;
    }

    /**
     * A shell line's text for one input: the one-word template with each value shell-quoted
     * into it, or with the quoted values appended when it has no replacement string.
     */
    String shellLine(List<String> values, long seq, int slot) {
        String line = String.join(" ", words);
        if (!hasReplacement) {
            return values.isEmpty() ? line : line + " " + ShellQuote.join(values);
        }
        return expandWord(line, values, seq, slot);
    }

    /** The words as one text with the replacement strings expanded and nothing appended: --tagstring's. */
    String text(List<String> values, long seq, int slot) {
        return expandWord(String.join(" ", words), values, seq, slot);
    }

    private String expandWord(String word, List<String> values, long seq, int slot) {
        if (replaceString == null) {
            return expandTokens(word, values, seq, slot);
        }
        // Under -I, the pieces around the replace string are expanded on their own.
        String[] pieces = word.split(Pattern.quote(replaceString), -1);
        StringBuilder expanded = new StringBuilder(expandTokens(pieces[0], values, seq, slot));
        for (int i = 1; i < pieces.length; i++) {
            expanded.append(whole(values)).append(expandTokens(pieces[i], values, seq, slot));
        }
        return expanded.toString();
    }

    private String expandTokens(String word, List<String> values, long seq, int slot) {
        Matcher matcher = REPLACEMENT.matcher(word);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = replaceString != null && matcher.group().equals("{}") ? "{}" : replacement(matcher, values, seq, slot);
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** The whole input: its values joined by spaces (each quoted in a shell line). */
    private String whole(List<String> values) {
        return quoted ? ShellQuote.join(values) : String.join(" ", values);
    }

    private String replacement(Matcher matcher, List<String> values, long seq, int slot) {
        String token = matcher.group();
        if (token.equals("{#}")) {
            return Long.toString(seq);
        }
        if (token.equals("{%}")) {
            return Integer.toString(slot);
        }
        String group = matcher.group(1);
        String modifier = matcher.group(2);
        if (group.isEmpty() && modifier == null) {
            return whole(values);
        }
        String value = group.isEmpty() ? String.join(" ", values) : values.get(Integer.parseInt(group) - 1);
        String modified = modifier == null ? value : switch (modifier) {
            case "." -> withoutExtension(value);
            case "/" -> basename(value);
            case "//" -> dirname(value);
            default -> withoutExtension(basename(value)); // "/."
        };
        return quoted ? ShellQuote.quote(modified) : modified;
    }

    /** dirname(1): "a/b.c" -> "a", "b.c" -> ".", "/b" -> "/". */
    static String dirname(String path) {
        String trimmed = stripTrailingSlashes(path);
        int slash = trimmed.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        String dir = stripTrailingSlashes(trimmed.substring(0, slash));
        return dir.isEmpty() ? "/" : dir;
    }

    /** "a/b.c" -> "b.c". */
    static String basename(String path) {
        String trimmed = stripTrailingSlashes(path);
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The last extension of the last path element only: "a.tar.gz" -> "a.tar", "d.x/f" -> "d.x/f", ".rc" -> ".rc". */
    static String withoutExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
