package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of GNU parallel's replacement strings, parsed from what stands between its braces: the
 * input or an input group ({@code {}}, {@code {2}}, {@code {-1}} counting from the last), a
 * modifier ({@code .}, {@code /}, {@code //}, {@code /.}; with {@code --plus} also {@code ..},
 * {@code ...}, {@code /..}, {@code /...}, {@code +/}, {@code +.}, {@code +..}, {@code +...},
 * {@code %SUFFIX}, {@code #PREFIX}, {@code /FROM/TO}, {@code :N}, {@code :N:LEN},
 * {@code :-DEFAULT}), the job's {@code {#}} and {@code {%}}, {@code --plus}'s {@code {##}} (the
 * number of jobs), or a {@code --rpl} string. Anything else between braces is no replacement
 * string and stays as it is.
 */
public final class ReplacementString {
    private static final Pattern POSITIONAL = Pattern.compile("(-?\\d+)?(.*)", Pattern.DOTALL);
    private static final Pattern STANDARD = Pattern.compile("|\\.|/|//|/\\.");
    private static final Pattern PLUS = Pattern.compile("\\.\\.|\\.\\.\\.|/\\.\\.|/\\.\\.\\.|\\+/|\\+\\.|\\+\\.\\.|\\+\\.\\.\\."
            + "|%.+|#.+|/[^/]*/.*|:\\d+|:\\d+:\\d+|:-.*");

    /** What a job's values give this string. */
    enum Kind {
        VALUE, SEQ, SLOT, TOTAL, PERL
    }

    /** {@code {= perl =}} and {@code {=N perl =}}: the group, then the expression. */
    private static final Pattern PERL_TOKEN = Pattern.compile("\\{=(-?\\d+)?(.*)=\\}", Pattern.DOTALL);

    /**
     * The rules a command's replacement strings follow: --plus's extras, --rpl's tags (longest
     * first), --header's names, {@code renamed}: GNU's --er, --bnr, --bner, --dnr, --seqreplace
     * and --slotreplace, each a new string for a standard one ({@code {ext}} or {@code ,,} for
     * {@code {.}}), which is then a replacement string no more, the perl coprocess for
     * {@code {= =}}, and --parens, the two strings around a perl expression.
     */
    public record Rules(boolean plus, List<RplTag> tags, Map<String, Integer> names, Map<String, String> renamed,
            PerlExpressions perl, Parens parens) {
        public static final Rules GNU = new Rules(false, List.of(), Map.of());

        public Rules {
            tags = RplTag.sorted(tags);
        }

        public Rules(boolean plus, List<RplTag> tags, Map<String, Integer> names) {
            this(plus, tags, names, Map.of(), null, Parens.GNU);
        }

        /**
         * What finds the replacement strings in a word: a perl expression between the parens,
         * anything in braces ({@link #parse} decides), and the tags and renamed strings that
         * are not in braces ({@code ,,}, {@code ..}).
         */
        Pattern tokens() {
            StringBuilder search = new StringBuilder(Pattern.quote(parens.left()) + ".*?" + Pattern.quote(parens.right()));
            search.append("|\\{[^{}]*\\}");
            List<String> bare = new ArrayList<>();
            renamed.keySet().stream().filter(key -> !key.startsWith("{")).map(Pattern::quote).forEach(bare::add);
            tags.stream().filter(RplTag::bare).map(RplTag::search).forEach(bare::add);
            bare.sort(Comparator.comparingInt(String::length).reversed());
            for (String each : bare) {
                search.append('|').append(each);
            }
            return Pattern.compile(search.toString(), Pattern.DOTALL);
        }
    }

    /** What opens and closes a perl expression: GNU's {@code {=} and {@code =}}, or --parens's. */
    public record Parens(String left, String right) {
        public static final Parens GNU = new Parens("{=", "=}");

        /** @throws UsageError for --parens of odd length or empty */
        public static Parens of(String parens) {
            if (parens.isEmpty() || parens.length() % 2 != 0) {
                throw new UsageError("--parens needs the opening and the closing string, of the same length, "
                        + "such as '{==}', got '" + parens + "'");
            }
            return new Parens(parens.substring(0, parens.length() / 2), parens.substring(parens.length() / 2));
        }
    }

    final Kind kind;
    /** The input group, from 1; negative counts from the last; 0 is the whole input. */
    final int group;
    private final String modifier;
    private final PerlSubstitution custom;
    private final PerlExpressions perl;
    private final int perlIndex;

    private ReplacementString(Kind kind, int group, String modifier, PerlSubstitution custom) {
        this(kind, group, modifier, custom, null, -1);
    }

    private ReplacementString(Kind kind, int group, String modifier, PerlSubstitution custom, PerlExpressions perl,
            int perlIndex) {
        this.kind = kind;
        this.group = group;
        this.modifier = modifier;
        this.custom = custom;
        this.perl = perl;
        this.perlIndex = perlIndex;
    }

    /** Whether this is the whole input, {@code {}}: what -m and -X spread and -I renames. */
    boolean isWholeInput() {
        return kind == Kind.VALUE && group == 0 && modifier.isEmpty() && custom == null;
    }

    /**
     * The replacement string {@code token} ({@code "{...}"}) is under {@code rules}, or null if
     * it is none.
     *
     * @throws UsageError for {@code {0}} or a group number past any int
     */
    static ReplacementString parse(String token, Rules rules) {
        String standard = rules.renamed().get(token);
        if (standard != null) {
            token = standard;
        } else if (rules.renamed().containsValue(token)) {
            return null;
        }
        Parens parens = rules.parens();
        if (!parens.equals(Parens.GNU) && token.length() >= parens.left().length() + parens.right().length()
                && token.startsWith(parens.left()) && token.endsWith(parens.right())) {
            token = "{=" + token.substring(parens.left().length(), token.length() - parens.right().length()) + "=}";
        }
        if (!token.startsWith("{=")) {
            for (RplTag tag : rules.tags()) {
                RplTag.Match match = tag.match(token);
                if (match == null) {
                    continue;
                }
                if (match.substitution() != null) {
                    return new ReplacementString(Kind.VALUE, match.group(), "", match.substitution());
                }
                token = match.perlToken();
                break;
            }
        }
        if (token.startsWith("{=") && token.endsWith("=}") && token.length() >= 4) {
            Matcher perlToken = PERL_TOKEN.matcher(token);
            perlToken.matches();
            if (rules.perl() == null) {
                throw new UsageError(token + ": a perl expression is not allowed here");
            }
            String number = perlToken.group(1);
            int group = number == null ? 0 : Integer.parseInt(number);
            if (number != null && (number.replace("-", "").length() > 9 || group == 0)) {
                throw new UsageError(token + " names no input group: groups count from {=1 ... =}");
            }
            return new ReplacementString(Kind.PERL, group, "", null, rules.perl(),
                    rules.perl().register(perlToken.group(2).strip()));
        }
        if (!token.startsWith("{") || !token.endsWith("}")) {
            return null;
        }
        String inside = token.substring(1, token.length() - 1);
        Integer named = rules.names().get(inside);
        if (named != null) {
            return new ReplacementString(Kind.VALUE, named, "", null);
        }
        switch (inside) {
            case "#":
                return new ReplacementString(Kind.SEQ, 0, "", null);
            case "%":
                return new ReplacementString(Kind.SLOT, 0, "", null);
            case "##":
                if (rules.plus()) {
                    return new ReplacementString(Kind.TOTAL, 0, "", null);
                }
                return null;
            default:
                break;
        }
        Matcher matcher = POSITIONAL.matcher(inside);
        matcher.matches();
        String number = matcher.group(1);
        String modifier = matcher.group(2);
        if (!STANDARD.matcher(modifier).matches() && !(rules.plus() && PLUS.matcher(modifier).matches())) {
            return null;
        }
        if (number == null) {
            if (modifier.startsWith("#") && !rules.plus()) {
                return null;
            }
            return new ReplacementString(Kind.VALUE, 0, modifier, null);
        }
        if (number.replace("-", "").length() > 9 || Integer.parseInt(number) == 0) {
            throw new UsageError(token + " names no input group: groups count from {1} (or from the last, {-1})");
        }
        return new ReplacementString(Kind.VALUE, Integer.parseInt(number), modifier, null);
    }

    /**
     * A perl expression's result for a job ({@link Kind#PERL} only).
     *
     * @throws PerlExpressions.Skipped when the expression called skip()
     */
    PerlExpressions.Result perlValue(List<String> values, String whole, long seq, int slot, long total) {
        if (group != 0 || values.size() < 2) {
            return perlOf(valueOf(values, whole), values, seq, slot, total);
        }
        // Over several inputs {= =} is evaluated for each and the results joined, as GNU parallel does.
        StringBuilder joined = new StringBuilder();
        boolean quote = false;
        for (String value : values) {
            PerlExpressions.Result each = perlOf(value, values, seq, slot, total);
            joined.append(joined.length() == 0 ? "" : " ").append(each.value());
            quote |= each.quote();
        }
        return new PerlExpressions.Result(joined.toString(), quote, false);
    }

    private PerlExpressions.Result perlOf(String value, List<String> values, long seq, int slot, long total) {
        PerlExpressions.Result result = perl.evaluate(perlIndex, value, values, seq, slot, total);
        if (result.skip()) {
            throw new PerlExpressions.Skipped();
        }
        return result;
    }

    /** Whether this names an input group the job lacks (a last -N job's {3}): GNU's "no argument". */
    boolean missingIn(List<String> values) {
        if (kind != Kind.VALUE || group == 0) {
            return false;
        }
        int index = group > 0 ? group - 1 : values.size() + group;
        return index < 0 || index >= values.size();
    }

    private String valueOf(List<String> values, String whole) {
        if (group == 0) {
            return whole;
        }
        int index = group > 0 ? group - 1 : values.size() + group;
        return index >= 0 && index < values.size() ? values.get(index) : "";
    }

    /** Its text for a job; a group the job lacks (a last -N job, say) is empty, as in GNU parallel. */
    String value(List<String> values, String whole, long seq, int slot, long total) {
        switch (kind) {
            case SEQ:
                return Long.toString(seq);
            case SLOT:
                return Integer.toString(slot);
            case TOTAL:
                return Long.toString(total);
            default:
                break;
        }
        String value;
        if (group == 0) {
            value = whole;
        } else {
            int index = group > 0 ? group - 1 : values.size() + group;
            value = index >= 0 && index < values.size() ? values.get(index) : "";
        }
        return custom != null ? custom.apply(value) : modified(value, modifier);
    }

    static String modified(String value, String modifier) {
        switch (modifier) {
            case "":
                return value;
            case ".":
                return CommandTemplate.withoutExtension(value);
            case "/":
                return CommandTemplate.basename(value);
            case "//":
                return CommandTemplate.dirname(value);
            case "/.":
                return CommandTemplate.withoutExtension(CommandTemplate.basename(value));
            case "..":
                return withoutExtensions(value, 2);
            case "...":
                return withoutExtensions(value, 3);
            case "/..":
                return withoutExtensions(CommandTemplate.basename(value), 2);
            case "/...":
                return withoutExtensions(CommandTemplate.basename(value), 3);
            case "+/":
                return CommandTemplate.dirname(value);
            case "+.":
                return extensions(value, 1);
            case "+..":
                return extensions(value, 2);
            case "+...":
                return extensions(value, 3);
            default:
                break;
        }
        char first = modifier.charAt(0);
        String rest = modifier.substring(1);
        if (first == '%') {
            return value.endsWith(rest) ? value.substring(0, value.length() - rest.length()) : value;
        }
        if (first == '#') {
            return value.startsWith(rest) ? value.substring(rest.length()) : value;
        }
        if (first == '/') {
            int slash = rest.indexOf('/');
            return value.replace(rest.substring(0, slash), rest.substring(slash + 1));
        }
        if (rest.startsWith("-")) { // {:-DEFAULT}
            return value.isEmpty() ? rest.substring(1) : value;
        }
        String[] bounds = rest.split(":");
        int from = Math.min(Integer.parseInt(bounds[0]), value.length());
        int to = bounds.length == 1 ? value.length() : Math.min(value.length(), from + Integer.parseInt(bounds[1]));
        return value.substring(from, to);
    }

    /** Without its last {@code count} extensions; unchanged if it has fewer (GNU's {..} needs two). */
    private static String withoutExtensions(String value, int count) {
        String out = value;
        for (int i = 0; i < count; i++) {
            String shorter = CommandTemplate.withoutExtension(out);
            if (shorter.equals(out)) {
                return value;
            }
            out = shorter;
        }
        return out;
    }

    /** Its last {@code count} extensions, without the leading dot: what {@code {+.}} adds to {@code {.}}. */
    private static String extensions(String value, int count) {
        String stripped = withoutExtensions(value, count);
        return stripped.length() < value.length() ? value.substring(stripped.length() + 1) : "";
    }
}
