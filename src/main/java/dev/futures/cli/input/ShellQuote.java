package dev.futures.cli.input;

import java.util.List;
import java.util.regex.Pattern;

/** Words as a POSIX shell reads them back: safe words as they are, others in single quotes. */
public final class ShellQuote {
    /** What GNU parallel leaves unquoted (its shell_quote_scalar_default). */
    private static final Pattern SAFE = Pattern.compile("[-_.+a-zA-Z0-9/]+");

    private ShellQuote() {
    }

    public static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }

    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        // GNU parallel's way, so --dry-run and -v read the same: '' at either end is left off.
        String quoted = "'" + word.replace("'", "'\"'\"'") + "'";
        if (quoted.startsWith("''") && quoted.length() > 2) {
            quoted = quoted.substring(2);
        }
        if (quoted.endsWith("''") && quoted.length() > 2) {
            quoted = quoted.substring(0, quoted.length() - 2);
        }
        return quoted;
    }
}
