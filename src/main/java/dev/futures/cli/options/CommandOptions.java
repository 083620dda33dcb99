package dev.futures.cli.options;

import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.input.PerlSubstitution;
import dev.futures.cli.input.ReplacementString;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.CommandForm;
import dev.futures.cli.jobs.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How {@code map} reads its COMMAND: GNU parallel's -q, -I, --plus and --rpl. */
public class CommandOptions {

    @Option(names = {"-q", "--quote"},
            description = "Keep a one-word command literal, even with shell syntax in it (GNU parallel's -q).")
    boolean quote;

    @Option(names = {"-I", "--replace"}, paramLabel = "STR",
            description = "STR stands for the input in COMMAND instead of {} (which is then literal), as in xargs -I.")
    String replaceString;

    @Option(names = "--plus", description = "GNU parallel's further replacement strings: {..} {...} {/..} {+/} {+.} "
            + "{%%SUFFIX} {#PREFIX} {/FROM/TO} {:N} {:N:LEN} {:-DEFAULT} and {##}, the number of jobs.")
    boolean plus;

    @Option(names = "--rpl", paramLabel = "'TAG s/REGEX/TO/'",
            description = "A replacement string of your own: TAG stands for the input with the substitution made "
                    + "(one Perl-style s///, flags g and i); repeatable.")
    List<String> rpl = new ArrayList<>();

    /** {@code -q}: the command's words stay as they are. */
    public boolean quoted() {
        return quote;
    }

    /** Whether the command uses {@code {##}}, the number of jobs: then every input is read before the first job. */
    public boolean needsTotal(List<String> command) {
        return plus && command.stream().anyMatch(word -> word.contains("{##}"));
    }

    /**
     * The jobs' command lines.
     *
     * @param width how many values a job may name with {1}..{N}
     * @param total {@code {##}}'s value, once known
     */
    public Job.Argv argv(List<String> command, int width, ArgsPerJob.Context context, String shell,
            Map<String, Integer> names, java.util.function.LongSupplier total) {
        return argv(command, false, width, context, shell, names, total);
    }

    /** The same; {@code gnu}: GNU parallel's command-line rule ({@link CommandForm}). */
    public Job.Argv argv(List<String> command, boolean gnu, int width, ArgsPerJob.Context context, String shell,
            Map<String, Integer> names, java.util.function.LongSupplier total) {
        if (replaceString != null && replaceString.isEmpty()) {
            throw new UsageError("-I needs a replace string");
        }
        Map<String, PerlSubstitution> custom = new LinkedHashMap<>();
        for (String definition : rpl) {
            PerlSubstitution.Definition defined = PerlSubstitution.define(definition);
            custom.put(defined.tag(), defined.substitution());
        }
        return CommandForm.of(command, quote, gnu, replaceString, shell, System.getenv(), width, context,
                new ReplacementString.Rules(plus, Map.copyOf(custom), names), total);
    }
}
