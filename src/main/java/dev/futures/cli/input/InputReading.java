package dev.futures.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How input items are read, as GNU parallel and xargs read them: what ends an item ({@code -d},
 * {@code -0}), the end-of-file string that ends a group early ({@code -E}), whether items of
 * blanks only are skipped ({@code -r}), and which side's blanks are trimmed ({@code --trim}).
 * The same rules hold for values after {@code :::} and items of stdin and files. {@code columns}
 * then splits each item into the values the command names ({@code --colsep}, {@code --csv}).
 */
public record InputReading(String delimiter, String eof, boolean skipBlank, Trim trim, Columns columns) {
    static final InputReading LINES = new InputReading("\n", null, false, Trim.n, Columns.NONE);

    /** How an item splits into columns: not at all, at a regular expression, or as a CSV record. */
    public interface Columns {
        Columns NONE = List::of;

        List<String> split(String item);

        default boolean splits() {
            return this != NONE;
        }

        /** GNU parallel's --colsep REGEX. */
        static Columns at(Pattern separator) {
            return item -> List.of(separator.split(item, -1));
        }

        /** GNU parallel's --csv: RFC 4180 fields (quotes, doubled quotes), {@code separator} between them. */
        static Columns csv(char separator) {
            org.apache.commons.csv.CSVFormat format = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                    .setDelimiter(separator).get();
            return item -> {
                try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(item, format)) {
                    List<org.apache.commons.csv.CSVRecord> records = parser.getRecords();
                    return records.isEmpty() ? List.of("") : records.get(0).toList();
                } catch (IOException | UncheckedIOException e) {
                    throw new IllegalArgumentException("--csv: cannot read '" + item + "': " + e.getMessage(), e);
                }
            };
        }
    }

    /** GNU's {@code --trim} values: none, left, right, both. */
    public enum Trim {
        n, l, r, lr, rl;

        String apply(String value) {
            return switch (this) {
                case n -> value;
                case l -> value.replaceFirst("^[ \\t\\n]+", "");
                case r -> value.replaceFirst("[ \\t\\n]+$", "");
                case lr, rl -> value.replaceFirst("^[ \\t\\n]+", "").replaceFirst("[ \\t\\n]+$", "");
            };
        }
    }

    /** A stream's items, lazily. */
    Iterator<String> read(InputStream in) {
        return filter(new InputGroups.DelimitedItems(in, delimiter));
    }

    /** Literal values (after {@code :::}) by the same rules. */
    List<String> apply(List<String> values) {
        List<String> kept = new ArrayList<>();
        filter(values.iterator()).forEachRemaining(kept::add);
        return List.copyOf(kept);
    }

    private Iterator<String> filter(Iterator<String> items) {
        if (eof == null && !skipBlank && trim == Trim.n) {
            return items;
        }
        return new Iterator<>() {
            private String next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (next == null && !ended && items.hasNext()) {
                    String item = items.next();
                    if (item.equals(eof)) {
                        ended = true; // the rest of this group is not read
                    } else if (!(skipBlank && item.isBlank())) {
                        next = trim.apply(item);
                    }
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String item = next;
                next = null;
                return item;
            }
        };
    }

    /**
     * {@code -d}'s value with GNU's escapes: {@code \n}, {@code \t}, {@code \0}, {@code \\}, and
     * {@code \xHH}.
     *
     * @throws UsageError for an empty delimiter or an unknown escape
     */
    public static String delimiter(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char escape = text.charAt(++i);
            switch (escape) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    try {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        throw new UsageError("-d: '\\x' needs two hex digits, in '" + text + "'");
                    }
                    i += 2;
                }
                default -> throw new UsageError("-d: unknown escape '\\" + escape + "' in '" + text
                        + "' (use \\n, \\t, \\r, \\0, \\\\ or \\xHH)");
            }
        }
        if (out.length() == 0) {
            throw new UsageError("-d needs a delimiter");
        }
        return out.toString();
    }

    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3}|[0-7])");

    /**
     * GNU parallel's {@code unquote_printf}, which it applies to {@code --tagstring}: {@code \t},
     * {@code \n}, {@code \r} and octal {@code \NNN} or {@code \N} ({@code \033} is ESC, for
     * colours); anything else stays as it is.
     */
    public static String printfEscapes(String text) {
        String out = text.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r");
        return OCTAL.matcher(out).replaceAll(octal -> Matcher.quoteReplacement(
                String.valueOf((char) (Integer.parseInt(octal.group(1), 8) & 0xff))));
    }
}
