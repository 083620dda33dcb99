package dev.futures.cli;

import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.CommandForm;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.Jobs;
import dev.futures.cli.options.FuturesConfig;
import dev.futures.cli.options.JobOptions;
import dev.futures.cli.run.JobRunner;
import dev.futures.cli.run.RunSettings;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code futures run 'COMMAND LINE' ...}: each argument (or stdin line) is one shell command. */
@Command(name = "run",
        description = "Run each argument, or else each line of stdin, as a shell command line "
                + "(/bin/sh -c), several at a time; print each one's output as one block.",
        mixinStandardHelpOptions = true,
        footer = {"", "Example: futures run -j2 'make -C a' 'make -C b'"})
public class RunCommand implements Callable<Integer> {

    @Mixin
    JobOptions options;

    @Parameters(paramLabel = "COMMAND_LINE", arity = "0..*", description = "Shell command lines.")
    List<String> lines = new ArrayList<>();

    @Inject
    FuturesConfig config;

    @Override
    public Integer call() {
        if (options.chunksize != null) {
            throw new UsageError("--chunksize needs 'map --task': a command line runs alone");
        }
        RunSettings settings = options.settings(config);
        Iterator<List<String>> commandLines = options.compat.ordered(lines.isEmpty()
                ? options.input.groups(List.of()).inputs(() -> System.in)
                : lines.stream().map(List::of).iterator());
        String shell = config.shell();
        Iterator<Job> jobs = options.resumable(Jobs.from(commandLines, CommandForm.of(List.of(), false, null, shell,
                Map.of(), 1)), false, shell);
        JobRunner runner = new JobRunner("run", System.out, System.err);
        return options.dryRun ? runner.dryRun(jobs, settings) : runner.run(jobs, settings,
                options.joblog.jobCount(lines.isEmpty() ? -1 : lines.size()));
    }
}
