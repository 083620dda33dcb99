package dev.futures.cli;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code futures map COMMAND [ARG...] ::: INPUT...}: one command per input, results in order. */
@Command(name = "map",
        description = {"Run COMMAND once per input, several at a time, and print each one's output "
                + "as one block, in input order (Executor.map) or as they complete (as_completed).",
                "Inputs: the words after ':::', the lines of the files after '::::', else the lines of stdin. "
                        + "'{}' in COMMAND or its arguments is replaced by the input; without '{}' the input "
                        + "is appended as the last argument. No shell is involved unless COMMAND is one."},
        mixinStandardHelpOptions = true,
        footer = {"", "Example: futures map -j4 gzip -k ::: *.log"})
public class MapCommand implements Callable<Integer> {

    @Mixin
    JobOptions options;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, its arguments, and the inputs.")
    List<String> words = new ArrayList<>();

    @Inject
    FuturesConfig config;

    @Override
    public Integer call() {
        MapArguments arguments = MapArguments.parse(words);
        JobRunner.Settings settings = options.settings(config);
        CommandTemplate template = new CommandTemplate(arguments.command());
        Iterator<String> inputs = arguments.inputs(arguments.readsStdin() ? StdinLines.open() : null);
        return new JobRunner("map", System.out, System.err).run(Jobs.from(inputs, template::expand), settings);
    }
}
