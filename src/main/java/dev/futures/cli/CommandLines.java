package dev.futures.cli;

import dev.futures.cli.input.UsageError;
import dev.futures.cli.run.ExitCodes;
import dev.futures.cli.serve.DaemonClient;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the command tree with this product's error handling: every usage error and every
 * error raised before work starts is one line on stderr and the exit code of DESIGN.md.
 */
final class CommandLines {
    private CommandLines() {
    }

    static CommandLine create(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(FuturesCommand.class, factory);
        // After the command word, everything is the command's own: `map sh -c 'x' ::: a` must
        // not read `-c` as an option of map, nor `submit exec echo -n hi` read `-n` as submit's.
        for (String verb : new String[] {"map", "run", "submit"}) {
            commandLine.getSubcommands().get(verb).setStopAtPositional(true);
        }
        // As GNU parallel: an option given twice is no error, the last one counts (a 'parallel'
        // link adds --gnu, and `parallel --gnu -k ... -k` must still run).
        commandLine.getSubcommands().get("map").setOverwrittenOptionsAllowed(true);
        // As GNU's option parser: an option's value may look like an option (`--recend --rrs`, an
        // empty $sep in `--recend $sep --rrs`, takes "--rrs" as the record end).
        commandLine.getSubcommands().get("map").setAllowOptionsAsOptionParameters(true);
        GroupedHelp.install(commandLine.getSubcommands().get("map"));
        GroupedHelp.install(commandLine.getSubcommands().get("run"));
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (error instanceof DaemonClient.Unreachable) {
                err.println(prefix(cmd) + error.getMessage());
                err.flush();
                return ExitCodes.BROKEN;
            }
            if (error instanceof UsageError) {
                err.println(prefix(cmd) + error.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println(prefix(cmd) + "internal error: " + error);
            err.flush();
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine cmd = error.getCommandLine();
        PrintWriter err = cmd.getErr();
        String gnu = error instanceof CommandLine.UnmatchedArgumentException unmatched
                ? GnuOptionsLeftOut.hint(unmatched.getUnmatched()) : null;
        err.println(prefix(cmd) + (gnu != null ? gnu
                : error.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')"));
        err.flush();
        return ExitCodes.USAGE;
    }

    /** {@code "futures map: "}: says which command complained. */
    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
