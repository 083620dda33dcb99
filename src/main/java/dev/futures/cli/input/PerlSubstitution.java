package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code --rpl 'TAG s/REGEX/REPLACEMENT/FLAGS'} string's Perl expression, as far as futures
 * takes them: substitutions, one after another ({@code s:\.[^.]+$::;s:\.[^.]+$::;}), with any
 * delimiter, Java's regular expressions (which read Perl's common ones the same), {@code $1}
 * in the replacement, and the flags {@code g} and {@code i}. GNU parallel runs any Perl;
 * futures has none, and refuses other expressions with one line.
 */
public final class PerlSubstitution {
    private static final Pattern DEFINITION = Pattern.compile("(\\{[^{}\\s]+\\})\\s+(.*)", Pattern.DOTALL);
    private static final Pattern GROUP = Pattern.compile("\\$(?:(\\d+)|\\{(\\d+)\\})");

    /** One {@code s///}: its pattern, its replacement in Java's form, and whether it replaces all. */
    private record Step(Pattern regex, String replacement, boolean global) {
        String apply(String value) {
            Matcher matcher = regex.matcher(value);
            return global ? matcher.replaceAll(replacement) : matcher.replaceFirst(replacement);
        }
    }

    private final List<Step> steps;

    private PerlSubstitution(List<Step> steps) {
        this.steps = steps;
    }

    /** A --rpl value: its tag and its substitution. */
    public record Definition(String tag, PerlSubstitution substitution) {
    }

    /** @throws UsageError for a value that is not {@code TAG s/A/B/[;s/C/D/...]} */
    public static Definition define(String rpl) {
        Matcher definition = DEFINITION.matcher(rpl.strip());
        if (!definition.matches()) {
            throw new UsageError("--rpl needs '{TAG} s/REGEX/REPLACEMENT/', got '" + rpl + "'");
        }
        String perl = definition.group(2).strip();
        List<Step> steps = new ArrayList<>();
        int at = 0;
        while (at < perl.length()) {
            at = step(perl, at, steps);
            while (at < perl.length() && (perl.charAt(at) == ';' || Character.isWhitespace(perl.charAt(at)))) {
                at++;
            }
        }
        if (steps.isEmpty()) {
            throw refused(perl);
        }
        return new Definition(definition.group(1), new PerlSubstitution(List.copyOf(steps)));
    }

    /** Reads one {@code s<d>REGEX<d>REPLACEMENT<d>FLAGS} at {@code at}; returns where it ends. */
    private static int step(String perl, int at, List<Step> steps) {
        if (perl.length() < at + 2 || perl.charAt(at) != 's' || Character.isLetterOrDigit(perl.charAt(at + 1))
                || Character.isWhitespace(perl.charAt(at + 1))) {
            throw refused(perl);
        }
        char delimiter = perl.charAt(at + 1);
        int[] end = new int[1];
        String regex = part(perl, at + 2, delimiter, end);
        String replacement = part(perl, end[0], delimiter, end);
        int flagsEnd = end[0];
        while (flagsEnd < perl.length() && "gi".indexOf(perl.charAt(flagsEnd)) >= 0) {
            flagsEnd++;
        }
        if (regex == null || replacement == null
                || flagsEnd < perl.length() && perl.charAt(flagsEnd) != ';' && !Character.isWhitespace(perl.charAt(flagsEnd))) {
            throw refused(perl);
        }
        String flags = perl.substring(end[0], flagsEnd);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new UsageError("--rpl: bad regular expression '" + regex + "': " + e.getDescription());
        }
        steps.add(new Step(pattern, javaReplacement(replacement, pattern, regex), flags.contains("g")));
        return flagsEnd;
    }

    /** The text up to the next unescaped {@code delimiter} (a backslash before it keeps it), or null. */
    private static String part(String perl, int from, char delimiter, int[] end) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < perl.length(); i++) {
            char c = perl.charAt(i);
            if (c == '\\' && i + 1 < perl.length() && perl.charAt(i + 1) == delimiter) {
                text.append(delimiter);
                i++;
            } else if (c == delimiter) {
                end[0] = i + 1;
                return text.toString();
            } else {
                text.append(c);
            }
        }
        return null;
    }

    /**
     * Perl's replacement as Java's: {@code $1} and {@code ${1}} name groups (checked now, so no
     * job fails on one later), any other {@code $} and {@code \\} are literal.
     */
    private static String javaReplacement(String perl, Pattern pattern, String regex) {
        StringBuilder java = new StringBuilder();
        int groups = pattern.matcher("").groupCount();
        boolean afterGroup = false;
        for (int i = 0; i < perl.length(); i++) {
            char c = perl.charAt(i);
            Matcher group = GROUP.matcher(perl).region(i, perl.length());
            if (c == '$' && group.lookingAt()) {
                String number = group.group(1) != null ? group.group(1) : group.group(2);
                if (Integer.parseInt(number) > groups) {
                    throw new UsageError("--rpl: '$" + number + "' names no group of '" + regex + "'");
                }
                java.append('$').append(Integer.parseInt(number));
                i = group.end() - 1;
                afterGroup = true;
                continue;
            }
            char literal = c == '\\' && i + 1 < perl.length() ? perl.charAt(++i) : c;
            // Java reads "$1" then "0" as group 10: a digit right after a group is escaped.
            java.append(literal == '$' || literal == '\\' || afterGroup && Character.isDigit(literal) ? "\\" : "")
                    .append(literal);
            afterGroup = false;
        }
        return java.toString();
    }

    private static UsageError refused(String perl) {
        return new UsageError("--rpl: futures runs no Perl; it takes substitutions, s/REGEX/REPLACEMENT/[gi] "
                + "(several joined by ';'), got '" + perl + "'");
    }

    String apply(String value) {
        String result = value;
        for (Step step : steps) {
            result = step.apply(result);
        }
        return result;
    }
}
