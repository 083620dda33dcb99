package dev.futures.cli.docs;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * bash's completion script: picocli's, which completes verbs, options and option values with a
 * fixed set, and files only for options typed as a file; futures' file options are strings
 * (a FILE may be {@code -} or hold replacement strings), so they are taught files here.
 */
public final class BashCompletion {
    private static final String NOTHING = "      return\n      ;;\n";
    private static final String FILES = "      local IFS=$'\\n'\n"
            + "      type compopt &>/dev/null && compopt -o filenames\n"
            + "      COMPREPLY=( $( compgen -f -- \"${curr_word}\" ) ) # files\n"
            + "      return $?\n      ;;\n";

    private BashCompletion() {
    }

    public static String of(CommandLine root) {
        String script = AutoComplete.bash(root.getCommandName(), root);
        return fileOptions(script, root);
    }

    private static String fileOptions(String script, CommandLine command) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.arity().max() > 0 && option.type() != File.class && option.type() != Path.class
                    && CompletionHints.takesFile(option.paramLabel(), option.type())) {
                String label = "    " + Arrays.stream(option.names()).map(name -> "'" + name + "'")
                        .collect(Collectors.joining("|")) + ")\n";
                script = script.replace(label + NOTHING, label + FILES);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            script = fileOptions(script, sub);
        }
        return script;
    }
}
