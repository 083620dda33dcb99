package dev.futures.cli.jobs;

import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.input.CommandTemplate;
import dev.futures.cli.input.ReplacementString;
import dev.futures.cli.input.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * How {@code map}'s command words become each job's command line. futures runs a command
 * without a shell: its words are the argv. GNU parallel gives every command to a shell; where
 * the two would differ for what people type, futures does what GNU parallel does:
 * <ul>
 *   <li>no command: each input is a command line for the shell ({@code futures map ::: 'echo a' pwd});
 *   <li>a one-word command with shell syntax in it ({@code 'gzip -9 < {} > {}.gz'}) is a shell
 *       line, the inputs shell-quoted into it (no program has such a name; {@code -q} keeps it literal);
 *   <li>a command named as an exported bash function ({@code export -f f}) runs in bash.
 * </ul>
 * Everything else is an argv, as it always was: several words with shell syntax in them
 * ({@code sh -c 'echo {}; sleep 1'}) keep each word literal, as GNU parallel's {@code -q} does.
 */
public final class CommandForm {
    /** What makes a word a shell line: blanks, operators, quotes, expansions, globs, comments. */
    private static final Pattern SHELL_SYNTAX = Pattern.compile("[\\s|&;<>()$`\\\\\"'*?\\[#~]");
    private static final Pattern REPLACEMENTS = Pattern.compile("\\{=.*?=\\}|\\{[^{}\\s]*\\}", Pattern.DOTALL);

    private CommandForm() {
    }

    /**
     * @param quote         {@code -q}: keep a one-word command literal
     * @param replaceString {@code -I}'s string, or null
     * @param shell         the shell for command lines ({@code futures run}'s)
     * @param environment   where exported bash functions are found
     */
    public static Job.Argv of(List<String> command, boolean quote, String replaceString, String shell,
            Map<String, String> environment, int groups) {
        return of(command, quote, replaceString, shell, environment, groups, ArgsPerJob.Context.JOINED,
                ReplacementString.Rules.GNU, () -> 0);
    }

    /**
     * The same, for jobs of several inputs each ({@code context}: how a word around {@code {}}
     * takes them), with --plus and --rpl's {@code rules} and {@code {##}}'s {@code total}.
     */
    public static Job.Argv of(List<String> command, boolean quote, String replaceString, String shell,
            Map<String, String> environment, int groups, ArgsPerJob.Context context, ReplacementString.Rules rules,
            LongSupplier total) {
        return of(command, quote, false, replaceString, shell, environment, groups, context, rules, total);
    }

    /**
     * The same; {@code gnu}: GNU parallel's own rule, where the command's words are joined into
     * one shell line ({@code parallel echo {}\; exit {}} runs {@code echo 'x'; exit 'x'}), the
     * inputs quoted into it, unless {@code -q} keeps each word as it is. A line with no shell
     * syntax runs as an argv all the same: the shell would split it into those very words.
     */
    public static Job.Argv of(List<String> command, boolean quote, boolean gnu, String replaceString, String shell,
            Map<String, String> environment, int groups, ArgsPerJob.Context context, ReplacementString.Rules rules,
            LongSupplier total) {
        if (command.isEmpty()) {
            return new ShellLine(shell, (values, seq, slot) -> String.join(" ", values));
        }
        command = withPerlExpressionsWhole(command);
        if (gnu && !quote && command.size() > 1
                && command.stream().anyMatch(word -> hasShellSyntax(word, replaceString))) {
            command = List.of(String.join(" ", command));
        }
        if (!quote && command.size() == 1 && hasShellSyntax(command.get(0), replaceString)) {
            CommandTemplate template = new CommandTemplate(command, replaceString, true, context, rules, total);
            template.requireGroups(groups);
            return new ShellLine(shell, template::shellLine);
        }
        CommandTemplate template = new CommandTemplate(command, replaceString, false, context, rules, total);
        template.requireGroups(groups);
        String program = command.get(0);
        if (SHELL_ONLY.contains(program)) {
            // exit, cd, export...: no program has the name, so only a shell can run it; the
            // words are quoted into its line and stay what they are.
            return new ShellLine(shell, (values, seq, slot) -> ShellQuote.join(template.expand(values, seq, slot)));
        }
        if (isExportedFunction(program, environment)) {
            // bash imports the function from the environment; "$@" passes the words as they are.
            return (values, seq, slot) -> {
                List<String> words = template.expand(values, seq, slot);
                List<String> argv = new ArrayList<>(words.size() + 3);
                argv.add("bash");
                argv.add("-c");
                argv.add(program + " \"$@\"");
                argv.addAll(words);
                return argv;
            };
        }
        if (gnu && !quote) {
            // It runs as an argv, but -v and --dry-run show the line GNU's shell would get: the
            // values quoted into the words (a'3\n'b), as GNU parallel prints it.
            CommandTemplate line = new CommandTemplate(List.of(String.join(" ", command)), replaceString, true, context,
                    rules, total);
            return new Job.Argv() {
                @Override
                public List<String> of(List<String> values, long seq, int slot) {
                    return template.expand(values, seq, slot);
                }

                @Override
                public String display(List<String> values, long seq, int slot) {
                    return line.shellLine(values, seq, slot);
                }
            };
        }
        return template::expand;
    }

    /**
     * {@code {= perl =}} typed unquoted reaches futures as several words ({@code {=},
     * {@code s/a/b/}, {@code =}}): they are one replacement string again, joined by spaces, as
     * GNU parallel's joining of all words makes them.
     */
    static List<String> withPerlExpressionsWhole(List<String> command) {
        List<String> words = new ArrayList<>(command.size());
        StringBuilder open = null;
        for (String word : command) {
            if (open != null) {
                open.append(' ').append(word);
            } else {
                open = new StringBuilder(word);
            }
            String text = open.toString();
            if (text.lastIndexOf("{=") < 0 || text.lastIndexOf("{=") + 1 < text.lastIndexOf("=}")) {
                words.add(text); // no perl expression left open
                open = null;
            }
        }
        if (open != null) {
            words.add(open.toString());
        }
        return words;
    }

    /**
     * Shell builtins that are no program on PATH (GNU parallel runs every command in a shell,
     * so {@code parallel exit ::: 1 0} works): commands with one of these names run in the shell.
     */
    static final Set<String> SHELL_ONLY = Set.of("exit", "cd", "export", "unset", "set", "source",
            ".", "eval", "alias", "shift", "trap", "ulimit", "umask", "return", "readonly", "times", "exec", ":");

    /**
     * The first word of {@code command} that is a shell operator or ends in one ({@code ;},
     * {@code &&}, {@code ||}, {@code |}, {@code &}, {@code >}, {@code >>}, {@code <},
     * {@code 2>&1}, {@code {};}, {@code >out}), when the program is not a shell given
     * {@code -c} (whose script is one word and may hold anything); else null. Under futures'
     * own rule such a word reaches the program as an argument, which is seldom what was meant.
     */
    public static String splitShellOperator(List<String> command) {
        if (command.size() < 2 || isShellWithScript(command)) {
            return null;
        }
        for (String word : command.subList(1, command.size())) {
            if (SHELL_OPERATOR.matcher(word).matches()) {
                return word;
            }
        }
        return null;
    }

    private static final Pattern SHELL_OPERATOR = Pattern.compile(
            "\\d?>>?|<|&&|\\|\\||\\||&|\\d?>&\\d|&>|.*;|\\d?>>?[^>&].*");

    private static boolean isShellWithScript(List<String> command) {
        String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
        return SHELLS.contains(program) && command.stream().skip(1).anyMatch(word -> word.matches("-[a-zA-Z]*c[a-zA-Z]*"));
    }

    /** Shells, by the names GNU parallel knows them. */
    public static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh",
            "pdksh", "ash", "yash", "posh", "csh", "tcsh", "fish");

    static boolean hasShellSyntax(String word, String replaceString) {
        String bare = REPLACEMENTS.matcher(replaceString == null ? word : word.replace(replaceString, "")).replaceAll("");
        return SHELL_SYNTAX.matcher(bare).find();
    }

    /** bash exports {@code f} as {@code BASH_FUNC_f%%} (and did as {@code BASH_FUNC_f()} before 4.3's fix). */
    static boolean isExportedFunction(String name, Map<String, String> environment) {
        return !name.contains("/") && (environment.containsKey("BASH_FUNC_" + name + "%%")
                || environment.containsKey("BASH_FUNC_" + name + "()"));
    }

    /** One line for {@code shell -c}, shown as the line itself. */
    private record ShellLine(String shell, Text text) implements Job.Argv {
        @FunctionalInterface
        interface Text {
            public String of(List<String> values, long seq, int slot);
        }

        @Override
        public List<String> of(List<String> values, long seq, int slot) {
            return List.of(shell, "-c", text.of(values, seq, slot));
        }

        @Override
        public String display(List<String> values, long seq, int slot) {
            return text.of(values, seq, slot);
        }
    }
}
