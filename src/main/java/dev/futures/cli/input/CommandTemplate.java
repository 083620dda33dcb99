package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command with GNU parallel's replacement strings, anywhere inside any word:
 * <ul>
 *   <li>(see {@link ReplacementString} for all of them, with --plus and --rpl)
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
public final class CommandTemplate {
    private final List<String> words;
    private final boolean hasReplacement;
    private final int highestGroup;
    /** -I's replace string, or null for {@code {}}. */
    private final String replaceString;
    /** A shell line: every value goes in shell-quoted. */
    private final boolean quoted;
    /** How a word around {@code {}} takes a job of several inputs (-m, -X). */
    private final ArgsPerJob.Context context;
    private final ReplacementString.Rules rules;
    /** What may be a replacement string (anything in braces, say); {@link ReplacementString#parse} decides. */
    private final Pattern tokens;
    /** {@code {##}}'s value: the number of jobs, once known. */
    private final LongSupplier total;

    public CommandTemplate(List<String> words) {
        this(words, null, false);
    }

    public CommandTemplate(List<String> words, String replaceString, boolean quoted) {
        this(words, replaceString, quoted, ArgsPerJob.Context.JOINED, ReplacementString.Rules.GNU, () -> 0);
    }

    /**
     * @param replaceString -I's string for the input instead of {@code {}} (null: {@code {}})
     * @param quoted        a shell line's template: values are shell-quoted into it
     * @param context       how a word around {@code {}} takes a job of several inputs
     * @param rules         --plus and --rpl
     * @param total         the number of jobs, for {@code {##}}
     */
    public CommandTemplate(List<String> words, String replaceString, boolean quoted, ArgsPerJob.Context context,
            ReplacementString.Rules rules, LongSupplier total) {
        this.words = List.copyOf(words);
        this.context = context;
        this.rules = rules;
        this.tokens = rules.tokens();
        this.total = total;
        this.replaceString = replaceString == null || replaceString.equals("{}") ? null : replaceString;
        this.quoted = quoted;
        int highest = 0;
        boolean any = false;
        for (String word : words) {
            if (this.replaceString != null && word.contains(this.replaceString)) {
                any = true;
            }
            Matcher matcher = tokens.matcher(word);
            while (matcher.find()) {
                ReplacementString replacement = parse(matcher.group());
                if (replacement != null) {
                    any = true;
                    highest = Math.max(highest, replacement.group);
                }
            }
        }
        this.hasReplacement = any;
        this.highestGroup = highest;
    }

    /** The replacement string a token is here, or null: {@code {}} is literal under -I. */
    private ReplacementString parse(String token) {
        ReplacementString replacement = ReplacementString.parse(token, rules);
        return replacement != null && replaceString != null && replacement.isWholeInput() ? null : replacement;
    }

    /** Whether any word holds a replacement string (else the inputs are appended). */
    public boolean hasReplacement() {
        return hasReplacement;
    }

    /** @throws UsageError if the command names an input group that does not exist ({@code {3}} with 2 groups) */
    public void requireGroups(int groups) {
        if (highestGroup > groups) {
            throw new UsageError("{" + highestGroup + "} names input group " + highestGroup + ", but there "
                    + (groups == 1 ? "is 1" : "are " + groups));
        }
    }

    public List<String> expand(List<String> values, long seq, int slot) {
        List<String> argv = new ArrayList<>(words.size() + values.size());
        if (!hasReplacement) {
            argv.addAll(words);
            argv.addAll(values);
            return argv;
        }
        for (String word : words) {
            expandInto(argv, word, values, seq, slot);
        }
        return argv;
    }

    /** One word's expansion: one word, or several for -m (split at the joins) and -X (one per value). */
    private void expandInto(List<String> out, String word, List<String> values, long seq, int slot) {
        if (isMissingArgument(word, values)) {
            return; // a word that is only a value the job lacks is no word, as in GNU parallel
        }
        if (context == ArgsPerJob.Context.JOINED || values.size() < 2 || !hasWholeInput(word)) {
            out.add(expandWord(word, values, seq, slot));
        } else if (context == ArgsPerJob.Context.REPEATED) {
            for (String value : values) {
                out.add(expandWord(word, List.of(value), seq, slot));
            }
        } else if (quoted) {
            out.add(expandWord(word, values, seq, slot)); // the shell splits the quoted values
        } else {
            out.addAll(List.of(expandWord(word, values, seq, slot).split(JOIN, -1)));
        }
    }

    /** Where -m's values meet inside an argv word before it is split: no argument holds a NUL. */
    private static final String JOIN = "\0";

    private boolean hasWholeInput(String word) {
        if (replaceString != null) {
            return word.contains(replaceString);
        }
        Matcher matcher = tokens.matcher(word);
        while (matcher.find()) {
            ReplacementString replacement = parse(matcher.group());
            if (replacement != null && replacement.isWholeInput()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A shell line's text for one input: the one-word template with each value shell-quoted
     * into it, or with the quoted values appended when it has no replacement string.
     */
    public String shellLine(List<String> values, long seq, int slot) {
        String line = String.join(" ", words);
        if (!hasReplacement) {
            return values.isEmpty() ? line : line + " " + ShellQuote.join(values);
        }
        if (context != ArgsPerJob.Context.REPEATED) {
            return expandWord(line, values, seq, slot);
        }
        // -X in a shell line: the words of the line, each one around {} repeated per value.
        List<String> out = new ArrayList<>();
        for (String word : line.split(" ", -1)) {
            expandInto(out, word, values, seq, slot);
        }
        return String.join(" ", out);
    }

    /** The words as one text with the replacement strings expanded and nothing appended: --tagstring's. */
    public String text(List<String> values, long seq, int slot) {
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

    /** Whether {@code word} is one replacement string naming an input group the job lacks. */
    private boolean isMissingArgument(String word, List<String> values) {
        if (replaceString != null && word.equals(replaceString)) {
            return false;
        }
        // The first token found must be the whole word: matches() would stretch a lazy {= ... =}
        // over two expressions (`{= s/a/b/ =}-{= s/a/c/ =}`) and read that as one.
        Matcher matcher = tokens.matcher(word);
        if (!matcher.find() || matcher.start() != 0 || matcher.end() != word.length()) {
            return false;
        }
        ReplacementString replacement = parse(word);
        return replacement != null && replacement.missingIn(values);
    }

    private String expandTokens(String word, List<String> values, long seq, int slot) {
        Matcher matcher = tokens.matcher(word);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            ReplacementString replacement = parse(matcher.group());
            String value;
            if (quoted && replacement != null && replacement.missingIn(values)) {
                // A value the job lacks is nothing in a shell line, not '' (GNU's "no argument").
                matcher.appendReplacement(expanded, "");
                continue;
            }
            if (replacement == null) {
                value = matcher.group();
            } else if (replacement.isWholeInput()) {
                value = whole(values);
            } else if (replacement.kind == ReplacementString.Kind.PERL) {
                PerlExpressions.Result result = replacement.perlValue(values, String.join(" ", values), seq, slot,
                        total.getAsLong());
                value = quoted && result.quote() ? ShellQuote.quote(result.value()) : result.value();
            } else {
                value = replacement.value(values, String.join(" ", values), seq, slot,
                        replacement.kind == ReplacementString.Kind.TOTAL ? total.getAsLong() : 0);
                if (quoted && replacement.kind == ReplacementString.Kind.VALUE) {
                    value = ShellQuote.quote(value);
                }
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** The whole input: its values joined by spaces (each quoted in a shell line; -m joins argv words to split). */
    private String whole(List<String> values) {
        if (quoted) {
            return ShellQuote.join(values);
        }
        return String.join(context == ArgsPerJob.Context.SPLIT ? JOIN : " ", values);
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
