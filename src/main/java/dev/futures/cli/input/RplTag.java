package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code --rpl 'TAG PERL'} as GNU parallel reads it: the tag is a prefix, at most one
 * run of regular-expression groups and a postfix ({@code {%(.+?)}} stands for {@code {%.gz}},
 * {@code {%.tar}}, ...), and what each group caught reaches the perl as {@code $$1},
 * {@code $$2}. A tag that starts with a brace also has a positional form ({@code {2..}} for
 * {@code {..}}, the value of input group 2). A tag without groups whose perl is only
 * substitutions runs in Java ({@link PerlSubstitution}); any other becomes a
 * {@code {= perl =}} expression for the run's perl coprocess, with the groups' texts set in
 * front, as GNU parallel rewrites it.
 */
public final class RplTag {
    private static final Pattern SHAPE = Pattern.compile("([^(]*)(\\(.*\\))?([^)]*)", Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("(-?\\d+) +(.*)", Pattern.DOTALL);
    private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$\\$(\\d+)");

    /** Longest first, as GNU parallel tries them: a short tag may be part of a long one. */
    static final Comparator<RplTag> LONGEST_FIRST = Comparator.comparingInt((RplTag tag) -> tag.key.length()).reversed();

    private final String key;
    private final String perl;
    private final int defaultGroup;
    private final boolean grouped;
    private final Pattern whole;
    private final Pattern positional;
    /** The Java form of a group-less tag's substitutions, or null when perl evaluates it. */
    private final PerlSubstitution substitution;

    private RplTag(String key, String perl) {
        this.key = key;
        // A number in front is GNU's input group for the expression ({0#}'s "1 $f=...").
        Matcher numbered = NUMBERED.matcher(perl);
        this.defaultGroup = numbered.matches() ? Integer.parseInt(numbered.group(1)) : 0;
        this.perl = numbered.matches() ? numbered.group(2) : perl;
        Matcher shape = SHAPE.matcher(key);
        shape.matches();
        String prefix = shape.group(1);
        String groups = shape.group(2) == null ? "" : shape.group(2);
        String postfix = shape.group(3);
        this.grouped = !groups.isEmpty();
        try {
            this.whole = Pattern.compile(Pattern.quote(prefix) + groups + Pattern.quote(postfix), Pattern.DOTALL);
            this.positional = prefix.startsWith("{") ? Pattern.compile("\\{(-?\\d+)\\s*"
                    + (prefix.length() > 1 ? Pattern.quote(prefix.substring(1)) : "") + groups
                    + Pattern.quote(postfix), Pattern.DOTALL) : null;
        } catch (PatternSyntaxException e) {
            throw new UsageError("--rpl: bad regular expression in '" + key + "': " + e.getDescription());
        }
        this.substitution = grouped ? null : javaSubstitution(key + " " + this.perl);
    }

    private static PerlSubstitution javaSubstitution(String rpl) {
        try {
            return PerlSubstitution.define(rpl).substitution();
        } catch (UsageError notOnlySubstitutions) {
            return null;
        }
    }

    /** @throws UsageError for a value without a tag and perl, or with a tag that is no regular expression */
    public static RplTag define(String rpl) {
        String[] tagAndPerl = rpl.strip().split("\\s", 2);
        if (tagAndPerl.length < 2 || tagAndPerl[0].isEmpty()) {
            throw new UsageError("--rpl needs 'TAG PERL', such as '{..} s:\\.[^/.]+$::', got '" + rpl + "'");
        }
        return new RplTag(tagAndPerl[0], tagAndPerl[1]);
    }

    /** GNU parallel's tags, longest first. */
    static List<RplTag> sorted(List<RplTag> tags) {
        List<RplTag> sorted = new ArrayList<>(tags);
        sorted.sort(LONGEST_FIRST);
        return List.copyOf(sorted);
    }

    String key() {
        return key;
    }

    /** Whether the tag is found by its own text, not as a word in braces. */
    boolean bare() {
        return !key.startsWith("{");
    }

    /** A regular expression for this tag inside a word, to find it among the braces. */
    String search() {
        return whole.pattern();
    }

    /** The perl this tag runs, for checks such as whether it needs the number of jobs. */
    String perl() {
        return perl;
    }

    /**
     * What {@code token} is under this tag: a Java substitution of an input group, a
     * {@code {=N perl =}} text for perl, or null when the tag does not match it.
     */
    Match match(String token) {
        int group = defaultGroup;
        Matcher matcher = whole.matcher(token);
        if (!matcher.matches()) {
            matcher = positional == null ? null : positional.matcher(token);
            if (matcher == null || !matcher.matches()) {
                return null;
            }
            group = Integer.parseInt(matcher.group(1));
        }
        if (substitution != null) {
            return new Match(group, substitution, null);
        }
        // GNU parallel's rewrite: $$N becomes a variable set to group N's text, quoted for perl.
        StringBuilder code = new StringBuilder();
        int first = matcher.pattern() == whole ? 1 : 2;
        for (int i = first; i <= matcher.groupCount(); i++) {
            String caught = matcher.group(i) == null ? "" : matcher.group(i);
            code.append("$_pAr_gRp").append(i - first + 1).append(" = \"")
                    .append(caught.replaceAll("[\\\\\"$@]", "\\\\$0")).append("\";");
        }
        code.append(GROUP_REFERENCE.matcher(perl).replaceAll("\\$_pAr_gRp$1"));
        return new Match(group, null, "{=" + (group == 0 ? "" : Integer.toString(group)) + " " + code + " =}");
    }

    /** A tag's reading of a token: input group (0: the whole input), and either Java's substitution or perl. */
    record Match(int group, PerlSubstitution substitution, String perlToken) {
    }
}
