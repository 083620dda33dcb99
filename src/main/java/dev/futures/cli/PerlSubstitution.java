package dev.futures.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --rpl 'TAG s/REGEX/REPLACEMENT/FLAGS'} string's Perl expression, as far as futures
 * takes them: one substitution, with Java's regular expressions (which read Perl's common
 * ones the same), {@code $1} in the replacement, and the flags {@code g} and {@code i}. GNU
 * parallel runs any Perl; futures has none, and refuses other expressions with one line.
 */
final class PerlSubstitution {
    private static final Pattern SUBSTITUTION = Pattern.compile("s(.)(.*?)\\1(.*?)\\1([gi]*)", Pattern.DOTALL);
    private static final Pattern DEFINITION = Pattern.compile("(\\{[^{}\\s]+\\})\\s+(.*)", Pattern.DOTALL);

    private final Pattern regex;
    private final String replacement;
    private final boolean global;

    private PerlSubstitution(Pattern regex, String replacement, boolean global) {
        this.regex = regex;
        this.replacement = replacement;
        this.global = global;
    }

    /** A --rpl value: its tag and its substitution. */
    record Definition(String tag, PerlSubstitution substitution) {
    }

    /** @throws UsageError for a value that is not {@code TAG s/A/B/} */
    static Definition define(String rpl) {
        Matcher definition = DEFINITION.matcher(rpl.strip());
        if (!definition.matches()) {
            throw new UsageError("--rpl needs '{TAG} s/REGEX/REPLACEMENT/', got '" + rpl + "'");
        }
        Matcher s = SUBSTITUTION.matcher(definition.group(2).strip().replaceFirst(";$", ""));
        if (!s.matches()) {
            throw new UsageError("--rpl: futures runs no Perl; it takes one substitution, s/REGEX/REPLACEMENT/[gi], "
                    + "got '" + definition.group(2) + "'");
        }
        try {
            int flags = s.group(4).contains("i") ? Pattern.CASE_INSENSITIVE : 0;
            Pattern regex = Pattern.compile(s.group(2), flags);
            // Perl's $1 is Java's $1 too. Checked now, so that no job can fail on it later.
            Matcher groups = Pattern.compile("\\$(\\d+)").matcher(s.group(3));
            while (groups.find()) {
                if (Integer.parseInt(groups.group(1)) > regex.matcher("").groupCount()) {
                    throw new UsageError("--rpl: '$" + groups.group(1) + "' names no group of '" + s.group(2) + "'");
                }
            }
            regex.matcher("x").replaceAll(s.group(3));
            return new Definition(definition.group(1), new PerlSubstitution(regex, s.group(3), s.group(4).contains("g")));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UsageError("--rpl: bad regular expression '" + s.group(2) + "': " + e.getDescription());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new UsageError("--rpl: bad replacement '" + s.group(3) + "': " + e.getMessage());
        }
    }

    String apply(String value) {
        Matcher matcher = regex.matcher(value);
        return global ? matcher.replaceAll(replacement) : matcher.replaceFirst(replacement);
    }
}
