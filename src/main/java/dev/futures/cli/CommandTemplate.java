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
 * With no replacement string the inputs are appended as the last arguments. The result is an
 * argv for exec, never re-split by a shell.
 */
final class CommandTemplate {
    private static final Pattern REPLACEMENT = Pattern.compile("\\{(\\d*)(/\\.|//|\\.|/)?\\}|\\{#\\}|\\{%\\}");

    private final List<String> words;
    private final boolean hasReplacement;
    private final int highestGroup;

    CommandTemplate(List<String> words) {
        this.words = List.copyOf(words);
        int highest = 0;
        boolean any = false;
        for (String word : words) {
            Matcher matcher = REPLACEMENT.matcher(word);
            while (matcher.find()) {
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
            Matcher matcher = REPLACEMENT.matcher(word);
            StringBuilder expanded = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement(matcher, values, seq, slot)));
            }
            matcher.appendTail(expanded);
            argv.add(expanded.toString());
        }
        return argv;
    }

    private static String replacement(Matcher matcher, List<String> values, long seq, int slot) {
        String token = matcher.group();
        if (token.equals("{#}")) {
            return Long.toString(seq);
        }
        if (token.equals("{%}")) {
            return Integer.toString(slot);
        }
        String group = matcher.group(1);
        String value = group.isEmpty() ? String.join(" ", values) : values.get(Integer.parseInt(group) - 1);
        String modifier = matcher.group(2);
        if (modifier == null) {
            return value;
        }
        return switch (modifier) {
            case "." -> withoutExtension(value);
            case "/" -> basename(value);
            case "//" -> dirname(value);
            default -> withoutExtension(basename(value)); // "/."
        };
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
