package dev.futures.cli.options;

import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.input.CommandTemplate;
import dev.futures.cli.input.InputReading;
import dev.futures.cli.input.PerlExpressions;
import dev.futures.cli.input.ReplacementString;
import dev.futures.cli.output.ResultFiles;
import dev.futures.cli.output.TextLook;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How results are printed. */
public class OutputOptions {

    /** Print order: input order is {@code Executor.map}, completion order is {@code as_completed}. */
    public enum Order {
        input, completion
    }

    /** Text blocks, or one JSON event per line. */
    public enum Format {
        text, jsonl
    }

    @Option(names = "--order", paramLabel = "input|completion", defaultValue = "input",
            description = "Print results in input order (default) or as tasks complete.")
    Order order;

    @Option(names = "--output", paramLabel = "text|jsonl", defaultValue = "text",
            description = "text: each task's output as one block (default); jsonl: one JSON event per line "
                    + "(start, worker_started, worker_exited, result, timeout, end).")
    Format format;

    @Option(names = "--tag", description = "Begin every output line with the task's input and a tab.")
    boolean tag;

    @Option(names = "--tagstring", paramLabel = "STR",
            description = "Begin every output line with STR and a tab; STR's replacement strings ({}, {1}, {#}, ...) "
                    + "are expanded.")
    String tagString;

    @Option(names = "-v", description = "Print each job's command line on stdout before its output.")
    boolean verbose;

    @Option(names = {"-t", "--verbose"}, description = "Print each job's command line on stderr before its output "
            + "(GNU parallel's --verbose is -t, not -v).")
    boolean trace;

    /** The dress of text output these options ask for. */
    TextLook look() {
        // {= =} in --tagstring: a perl started when the first tag is made (map passes its command's rules instead).
        return look(new ReplacementString.Rules(false, List.of(), Map.of(), Map.of(), new PerlExpressions(),
                ReplacementString.Parens.GNU));
    }

    /** The same, with --tagstring's replacement strings under the command's {@code rules} (--plus, --rpl, perl). */
    public TextLook look(ReplacementString.Rules rules) {
        // --tagstring wins over --tag, as in GNU parallel (a profile's --tag, the command line's --tagstring).
        CommandTemplate tagTemplate = tagString != null ? new CommandTemplate(List.of(InputReading.printfEscapes(tagString)), null, false,
                ArgsPerJob.Context.JOINED, rules, () -> 0)
                : tag ? new CommandTemplate(List.of("{}")) : null;
        return new TextLook(tagTemplate, verbose || trace, trace && !verbose);
    }

    @Option(names = {"--results", "--res"}, paramLabel = "NAME",
            description = "Write each job's stdout, stderr and sequence number to files instead of printing them, "
                    + "as GNU parallel does: NAME/1/VALUE/stdout (and stderr, seq) for a plain NAME; with replacement "
                    + "strings NAME names the stdout file (NAME.err, NAME.seq beside it), or their directory if it "
                    + "ends in /.")
    String results;

    @Option(names = {"--files", "--output-as-files"},
            description = "Print the name of the file holding each job's stdout instead of the output (a temporary "
                    + "file unless --results names it).")
    boolean files;

    /** Where --results and --files put the outputs (null: they are printed). */
    ResultFiles resultFiles() {
        return results == null && !files ? null : ResultFiles.of(results, files);
    }

    @Option(names = "--progress", negatable = true,
            description = "Show done/total, failures, rate and ETA on stderr (default: on when stderr is a terminal).")
    Boolean progress;
}
