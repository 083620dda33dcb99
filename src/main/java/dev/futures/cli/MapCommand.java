package dev.futures.cli;

import dev.futures.cli.docs.TaskNames;
import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.input.CommandTemplate;
import dev.futures.cli.input.InputGroups;
import dev.futures.cli.input.RoundRobin;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.CommandForm;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.Jobs;
import dev.futures.cli.jobs.PoolKind;
import dev.futures.cli.jobs.PoolSettings;
import dev.futures.cli.options.CommandOptions;
import dev.futures.cli.options.FuturesConfig;
import dev.futures.cli.options.GnuQueries;
import dev.futures.cli.options.JobOptions;
import dev.futures.cli.options.PipeOptions;
import dev.futures.cli.output.TextLook;
import dev.futures.cli.run.JobRunner;
import dev.futures.cli.run.RunSettings;
import dev.futures.process.SpreadLauncher;
import dev.futures.task.TaskRegistry;
import dev.futures.task.UnknownTask;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code futures map COMMAND [ARG...] ::: INPUT...}: one command per input, results in order. */
@Command(name = "map",
        description = {"Run COMMAND once per input, several at a time, and print each one's output "
                + "as one block, in input order (Executor.map) or as they complete (as_completed).",
                "Inputs: the words after ':::', the lines of each file after '::::' (- is stdin), else the lines "
                        + "of stdin; several groups give every combination. In COMMAND, {} is the input, {.} without "
                        + "extension, {/} basename, {//} dirname, {/.} basename without extension, {N} group N, "
                        + "{#} sequence number, {%%} job slot; without any, the input is appended. "
                        + "No shell is involved unless COMMAND is one, or is one word with shell syntax "
                        + "('gzip < {} > {}.gz': a shell line, inputs quoted), or is absent (each input is a "
                        + "command line)."},
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", "Examples: futures map -j4 gzip -k ::: *.log",
                "          futures map convert {} {.}.png ::: *.jpg",
                "          futures map echo {1}-{2} ::: a b ::: 1 2",
                "          futures map --task digest ::: *.iso",
                "          cat big.log | futures map --pipe grep ERROR",
                "",
                "Differs from GNU parallel: input order is the default (-k is accepted); several command words "
                        + "are never joined into a shell line (quote a shell line as one word; a shell operator "
                        + "among the words is said on stderr); shell lines run /bin/sh ($FUTURES_SHELL), not $SHELL; "
                        + "--timeout is the whole run's deadline (each job's is --task-timeout). --gnu, or invoking "
                        + "futures through a link named 'parallel', turns GNU's rules on: words joined into one shell "
                        + "line, GNU's shell, completion order unless -k, --timeout per job, $PARALLEL and GNU's "
                        + "config profiles read first. docs/gnu-parallel.md"
                        + " has the rest, option by option."})
public class MapCommand implements Callable<Integer> {

    @Mixin
    JobOptions options;

    @Option(names = "--task", paramLabel = "NAME", completionCandidates = TaskNames.class,
            description = "Instead of a command, call this task (see 'futures tasks') with each input's values "
                    + "as its arguments; print its value.")
    String task;

    @Mixin
    CommandOptions command;

    @Mixin
    ArgsPerJob argsPerJob;

    @Mixin
    PipeOptions pipe;

    @Mixin
    GnuQueries queries;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, its arguments, and the inputs.")
    List<String> words = new ArrayList<>();

    @Inject
    FuturesConfig config;

    @Inject
    VersionProvider versions;

    @Override
    public Integer call() {
        GnuQueries.Answer answer = queries.answer();
        if (answer != null) {
            System.out.println(answer.text());
            return answer.exit();
        }
        String citation = options.compat.citationText(versions.getVersion()[0].substring("futures ".length()));
        if (citation != null) {
            System.out.println(citation);
            return 0;
        }
        InputGroups groups = options.input.groups(words);
        warnOfSplitShellLine(groups.command());
        if (task != null) {
            return runTask(groups);
        }
        if (options.chunksize != null) {
            throw new UsageError("--chunksize needs --task: a command runs alone, one per input");
        }
        if (pipe.tee) {
            return runTee(groups);
        }
        if (pipe.active()) {
            return runPipe(groups);
        }
        argsPerJob.validate();
        RunSettings settings = options.settings(config);
        if (options.pool.onEveryHost()) {
            return runOnEveryHost(groups, settings);
        }
        Iterator<List<String>> inputs = inputs(groups, settings); // reads --header's names
        AtomicLong total = new AtomicLong();
        Job.Argv argv = command.argv(groups.command(), options.compat.gnu(), argsPerJob.width(groups.width()),
                argsPerJob.context(), options.compat.shell(config.shell()), groups.columnNames(), total::get);
        settings = withCommandsRules(settings);
        if (command.needsTotal(groups.command())) {
            // {##}: every input read first, as GNU parallel does to know it.
            List<List<String>> all = new ArrayList<>();
            inputs.forEachRemaining(all::add);
            total.set(all.size());
            inputs = all.iterator();
        }
        Iterator<Job> jobs = options.resumable(Jobs.from(inputs, argv), false, config.shell());
        JobRunner runner = new JobRunner("map", System.out, System.err);
        if (options.compat.shellquotes() > 0) {
            return runner.dryRun(jobs, settings, options.compat.shellquotes());
        }
        return options.dryRun ? runner.dryRun(jobs, settings) : runner.run(jobs, settings, jobCount(groups, settings));
    }

    /**
     * Under futures' rule a command's words reach the program as they are, so a shell operator
     * typed as a word of its own ({@code echo {}\; exit {}}) is an argument, never silently:
     * one line on stderr (diagnostics never go to stdout, in JSON lines neither) names it and
     * both ways out, and the command runs as asked.
     */
    private void warnOfSplitShellLine(List<String> words) {
        if (options.compat.gnu() || command.quoted()) {
            return;
        }
        String operator = CommandForm.splitShellOperator(words);
        if (operator != null) {
            System.err.println("futures map: '" + operator + "' reaches " + words.get(0) + " as an argument, not as "
                    + "shell syntax: quote the whole line as one word for a shell line, or use --gnu for GNU "
                    + "parallel's rule (words joined into one shell line)");
        }
    }

    /** {@code --pipe}: a job per block of stdin (or of the one -a file), the block on its stdin. */
    private int runPipe(InputGroups groups) {
        if (groups.command().isEmpty()) {
            throw new UsageError("--pipe needs a command to read the blocks: futures map --pipe COMMAND [ARG...]");
        }
        List<String> files = options.input.argFiles;
        int fileGroup = words.indexOf(InputGroups.FILES);
        if (pipe.pipePart && files.isEmpty() && fileGroup >= 0 && fileGroup == words.size() - 2) {
            files = List.of(words.get(fileGroup + 1)); // GNU's --pipepart :::: FILE
        } else if (files.size() > 1 || groups.hasGroups() && files.isEmpty()) {
            throw new UsageError("--pipe reads stdin (or one -a FILE): give no ::: or :::: inputs");
        }
        if (pipe.pipePart && files.isEmpty()) {
            throw new UsageError("--pipepart cuts a file: give it with -a FILE or :::: FILE");
        }
        int records = argsPerJob.pipeRecords();
        RunSettings settings = options.settings(config);
        InputStream in;
        try {
            in = files.isEmpty() || files.get(0).equals("-") ? System.in
                    : new FileInputStream(files.get(0));
        } catch (FileNotFoundException e) {
            throw new UsageError("cannot read -a '" + files.get(0) + "': " + e.getMessage());
        }
        Job.Argv argv = command.argv(groups.command(), options.compat.gnu(), 0, argsPerJob.context(),
                options.compat.shell(config.shell()), Map.of(), () -> 0);
        settings = withCommandsRules(settings);
        Iterator<byte[]> blocks = pipe.blocks(in, records, argsPerJob.pipeLinesPerRecord(), options.input.pipeHeader(),
                options.input.colsep());
        if (pipe.roundRobin && settings.pool().kind() != PoolKind.thread) {
            throw new UsageError("--round-robin feeds long-running jobs as they read: it needs the thread pool");
        }
        Iterator<Job> jobs = pipe.roundRobin ? Jobs.ofStreams(RoundRobin.deal(blocks, settings.workers()), argv)
                : Jobs.ofBlocks(blocks, argv);
        JobRunner runner = new JobRunner("map", System.out, System.err);
        return options.dryRun ? runner.dryRun(jobs, settings) : runner.run(jobs, settings, -1);
    }

    /**
     * GNU parallel's {@code --onall}: every job on every -S host, one job at a time on each host,
     * host after host; {@code --nonall}: the command once on each, with no input. With --tag
     * each line is tagged with its host. No host (an empty -S): nothing runs.
     */
    private int runOnEveryHost(InputGroups groups, RunSettings settings) {
        List<List<String>> inputs = new ArrayList<>();
        if (options.pool.noInput()) {
            inputs.add(List.of());
        } else {
            inputs(groups, settings).forEachRemaining(inputs::add);
        }
        Job.Argv argv = command.argv(groups.command(), options.compat.gnu(), argsPerJob.width(groups.width()),
                argsPerJob.context(), options.compat.shell(config.shell()), groups.columnNames(), () -> 0);
        settings = withCommandsRules(settings);
        int exit = 0;
        for (SpreadLauncher.Host host : options.pool.everyHost()) {
            PoolSettings base = settings.pool();
            PoolSettings onHost = new PoolSettings(PoolKind.process, 1, base.taskTimeout(), base.maxTasksPerChild(),
                    host.launcher(), base.retries(), base.start(), base.chunksize(), base.timeoutPercent(),
                    base.transfer());
            RunSettings hostSettings = settings.withPool(onHost);
            if (settings.look().tag() != null) {
                hostSettings = hostSettings.withLook(new TextLook(new CommandTemplate(List.of(host.name())),
                        settings.look().verbose(), settings.look().traceToStderr()));
            }
            JobRunner runner = new JobRunner("map", System.out, System.err);
            Iterator<Job> jobs = Jobs.from(inputs.iterator(), argv);
            exit = Math.max(exit, options.dryRun ? runner.dryRun(jobs, hostSettings) : runner.run(jobs, hostSettings, inputs.size()));
        }
        return exit;
    }

    /** {@code --tee}: a job per input, each with all of stdin on its stdin. */
    private int runTee(InputGroups groups) {
        if (!pipe.pipe || !groups.hasGroups() || groups.command().isEmpty()) {
            throw new UsageError("--tee goes with --pipe, a command and ::: inputs (one job each): "
                    + "futures map --pipe --tee COMMAND ::: VALUES");
        }
        argsPerJob.validate();
        RunSettings settings = options.settings(config);
        Iterator<List<String>> inputs = inputs(groups, settings);
        Job.Argv argv = command.argv(groups.command(), options.compat.gnu(), argsPerJob.width(groups.width()),
                argsPerJob.context(), options.compat.shell(config.shell()), groups.columnNames(), () -> 0);
        settings = withCommandsRules(settings);
        byte[] all;
        try {
            all = System.in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<Job> jobs = options.resumable(Jobs.withStdin(inputs, argv, all), false, config.shell());
        JobRunner runner = new JobRunner("map", System.out, System.err);
        return options.dryRun ? runner.dryRun(jobs, settings) : runner.run(jobs, settings, jobCount(groups, settings));
    }

    /** The settings with --tagstring under the command's rules; then perl starts, every expression known. */
    private RunSettings withCommandsRules(RunSettings settings) {
        RunSettings dressed = settings.withLook(options.output.look(command.rules()));
        command.startPerl();
        return dressed;
    }

    /** Each job's values: one input's, or several inputs' with -N, -m, -X, --xargs. */
    private Iterator<List<String>> inputs(InputGroups groups, RunSettings settings) {
        Iterator<List<String>> inputs = groups.inputs(() -> System.in);
        return options.compat.ordered(argsPerJob.active() ? argsPerJob.group(inputs, settings.workers(), groups.command(),
                command.replaceString()) : inputs);
    }

    /** How many jobs there will be, when the inputs are known up front (the progress line's total); else -1. */
    private long jobCount(InputGroups groups, RunSettings settings) {
        long inputs = groups.knownSize();
        return options.joblog.jobCount(inputs < 0 || !argsPerJob.active() ? inputs : argsPerJob.jobs(inputs, settings.workers()));
    }

    private int runTask(InputGroups groups) {
        if (!groups.command().isEmpty()) {
            throw new UsageError("--task takes no command: futures map --task " + task + " ::: INPUT...");
        }
        RunSettings settings = options.settings(config);
        TaskRegistry known = settings.pool().kind() == PoolKind.process
                ? TaskRegistry.forProcessWorkers() : TaskRegistry.discover();
        if (known.find(task).isEmpty()) {
            throw new UsageError(new UnknownTask(task).getMessage());
        }
        argsPerJob.validate();
        Iterator<Job> jobs = options.resumable(Jobs.ofTask(inputs(groups, settings), task), true, config.shell());
        JobRunner runner = new JobRunner("map", System.out, System.err);
        return options.dryRun ? runner.dryRun(jobs, settings) : runner.run(jobs, settings, jobCount(groups, settings));
    }
}
