package dev.futures.cli;

import dev.futures.cli.docs.BashCompletion;
import dev.futures.cli.docs.FishCompletion;
import dev.futures.cli.run.ExitCodes;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code futures completion bash|zsh|fish}: the shell's completion script, generated from the
 * same command model as {@code --help}, so every verb, option and option value is there.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the completion script for a shell: verbs, options, option values, files and task names.",
                "bash: source <(futures completion bash), or put it in ~/.local/share/bash-completion/completions/futures;",
                "zsh: futures completion zsh > a directory of $fpath as _futures; "
                        + "fish: futures completion fish > ~/.config/fish/completions/futures.fish."})
public class CompletionCommand implements Callable<Integer> {

    /** The shells there is a script for. */
    public enum Shell {
        bash, zsh, fish
    }

    @Parameters(paramLabel = "bash|zsh|fish", description = "The shell.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        out.print(script(spec.root().commandLine(), shell));
        out.flush();
        return ExitCodes.OK;
    }

    /** The script for {@code shell}, for the command tree under {@code root}. */
    public static String script(CommandLine root, Shell shell) {
        String name = root.getCommandName();
        return switch (shell) {
            case bash -> BashCompletion.of(root);
            // zsh runs bash's script through bashcompinit; as an autoloaded _futures it answers
            // its first completion too.
            case zsh -> "#compdef " + name + "\nautoload -U +X bashcompinit && bashcompinit\n"
                    + BashCompletion.of(root)
                    + "\nif [[ -n ${ZSH_VERSION-} && ${funcstack[1]-} == _" + name + " ]]; then\n"
                    + "  _bash_complete -F _complete_" + name + "\nfi\n";
            case fish -> FishCompletion.of(root);
        };
    }
}
