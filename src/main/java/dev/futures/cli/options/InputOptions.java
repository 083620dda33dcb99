package dev.futures.cli.options;

import dev.futures.cli.input.InputGroups;
import dev.futures.cli.input.InputReading;
import dev.futures.cli.input.UsageError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/** How {@code map} and {@code run} read their inputs: GNU parallel's and xargs' options. */
public class InputOptions {

    @Option(names = {"-0", "--null"}, description = "Inputs on stdin and in files end with NUL, not newline (-d '\\0').")
    boolean nullSeparated;

    @Option(names = {"-d", "--delimiter"}, paramLabel = "DELIM",
            description = "Inputs on stdin and in files end with DELIM (any string; \\n, \\t, \\0, \\xHH escapes).")
    String delimiter;

    @Option(names = {"-a", "--arg-file"}, paramLabel = "FILE",
            description = "An input group read from FILE (- is stdin), as ':::: FILE' but before the other groups; "
                    + "repeatable.")
    public List<String> argFiles = new ArrayList<>();

    @Option(names = {"-E", "--eof"}, paramLabel = "STR",
            description = "An input equal to STR ends its group: the rest is not read.")
    String eof;

    @Option(names = {"-r", "--no-run-if-empty"}, description = "Skip inputs that are empty or blanks only.")
    boolean skipBlank;

    @Option(names = "--trim", paramLabel = "n|l|r|lr|rl",
            description = "Trim blanks off each input: none (default), on the left, right, or both sides.")
    InputReading.Trim trim = InputReading.Trim.n;

    @Option(names = {"--link", "--xapply"}, description = "Link all input groups: the n-th values go together (the shorter "
            + "groups wrap round) instead of every combination; ':::+' and '::::+' link one group to the one before.")
    boolean link;

    @Option(names = {"-C", "--colsep"}, paramLabel = "REGEX",
            description = "Split each input into columns at REGEX: {1}, {2}, ... name the columns, {} is all of them.")
    String colsep;

    @Option(names = "--csv", description = "Read each input as a CSV record (quoted fields; --colsep sets the "
            + "separator, default ',').")
    boolean csv;

    @Option(names = "--header", paramLabel = ":",
            description = "The first input of each group is a header: its columns name replacement strings "
                    + "({name}). GNU's ':' or a regex for one line.")
    String header;

    @Option(names = "--arg-sep", paramLabel = "SEP", description = "Use SEP instead of ':::'.")
    String argSep = InputGroups.ARGS;

    @Option(names = "--arg-file-sep", paramLabel = "SEP", description = "Use SEP instead of '::::'.")
    String argFileSep = InputGroups.FILES;

    /** --colsep's regular expression as given; null when not given. */
    public String colsep() {
        return colsep;
    }

    /** --header under --pipe: the header's lines (a number) or a regular expression for it; null for none. */
    public String pipeHeader() {
        return header;
    }

    /** The words after the options, as command and input groups by these rules. */
    public InputGroups groups(List<String> words) {
        if (nullSeparated && delimiter != null) {
            throw new UsageError("-0 and -d both say what ends an input: give one");
        }
        if (argSep.isEmpty() || argFileSep.isEmpty() || argSep.equals(argFileSep)) {
            throw new UsageError("--arg-sep and --arg-file-sep must be two different words");
        }
        String ends = nullSeparated ? "\0" : delimiter != null ? InputReading.delimiter(delimiter) : "\n";
        return InputGroups.parse(words, new InputGroups.Separators(argSep, argFileSep), argFiles,
                new InputReading(ends, eof, skipBlank, trim, columns()), link, header != null);
    }

    private InputReading.Columns columns() {
        if (csv) {
            String separator = colsep == null ? "," : InputReading.delimiter(colsep);
            if (separator.length() != 1) {
                throw new UsageError("--csv: the separator must be one character, got '" + colsep + "'");
            }
            return InputReading.Columns.csv(separator.charAt(0));
        }
        if (colsep == null) {
            return InputReading.Columns.NONE;
        }
        try {
            // GNU's --colsep is a regex; a single character (often '\t') is taken as it is.
            return InputReading.Columns.at(Pattern.compile(colsep.equals("\\t") ? "\t" : colsep));
        } catch (PatternSyntaxException e) {
            throw new UsageError("--colsep: bad regular expression '" + colsep + "': " + e.getDescription());
        }
    }
}
