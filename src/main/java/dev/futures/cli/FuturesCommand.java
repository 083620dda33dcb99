package dev.futures.cli;

import dev.futures.cli.serve.AsCompletedCommand;
import dev.futures.cli.serve.CancelCommand;
import dev.futures.cli.serve.ResultCommand;
import dev.futures.cli.serve.ServeCommand;
import dev.futures.cli.serve.ShutdownCommand;
import dev.futures.cli.serve.StatusCommand;
import dev.futures.cli.serve.SubmitCommand;
import dev.futures.cli.serve.WaitCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code futures}: the top of the command tree. */
@TopCommand
@Command(name = "futures",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Python's concurrent.futures for the shell: run many commands concurrently, "
                + "results in input order or as they complete.",
        subcommands = {MapCommand.class, RunCommand.class, SessionCommand.class, TasksCommand.class, ServeCommand.class,
                SubmitCommand.class, StatusCommand.class, ResultCommand.class, CancelCommand.class, WaitCommand.class,
                AsCompletedCommand.class, ShutdownCommand.class, CompletionCommand.class,
                ManCommand.class},
        footer = {"", "Exit codes: 0 all succeeded, 1 a task failed, 2 usage error (nothing ran), "
                + "3 the pool broke (a worker died) or no daemon answered, 4 the awaited future was cancelled, "
                + "124 --timeout expired."})
public class FuturesCommand {
}
