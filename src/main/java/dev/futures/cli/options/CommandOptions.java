package dev.futures.cli.options;

import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.input.PerlExpressions;
import dev.futures.cli.input.PerlFilter;
import dev.futures.cli.input.PerlOnlyPlus;
import dev.futures.cli.input.ReplacementString;
import dev.futures.cli.input.RplTag;
import dev.futures.cli.input.UsageError;
import dev.futures.cli.jobs.CommandForm;
import dev.futures.cli.jobs.Job;
import dev.futures.cli.jobs.JobSurroundings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
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

    @Option(names = "--rpl", paramLabel = "'TAG PERL'",
            description = "A replacement string of your own, as GNU parallel's: TAG stands for the input changed by "
                    + "PERL (s/// runs in futures, any other perl in one perl process); regex groups in TAG reach "
                    + "PERL as $$1, $$2 ('{%%(.+?)} s/$$1$//'); repeatable.")
    List<String> rpl = new ArrayList<>();

    @Option(names = "--parens", paramLabel = "PARENS",
            description = "The strings around a perl expression instead of {= and =}: the first half opens, the "
                    + "second closes (',,,,' makes ',,s/a/b/,,').")
    String parens;

    @Option(names = {"--extensionreplace", "--er"}, paramLabel = "STR",
            description = "STR stands for the input without extension, instead of {.} (GNU parallel's --er).")
    String extensionReplace;

    @Option(names = {"--basenamereplace", "--bnr"}, paramLabel = "STR", description = "STR instead of {/}.")
    String basenameReplace;

    @Option(names = {"--basenameextensionreplace", "--bner"}, paramLabel = "STR", description = "STR instead of {/.}.")
    String basenameExtensionReplace;

    @Option(names = {"--dirnamereplace", "--dnr"}, paramLabel = "STR", description = "STR instead of {//}.")
    String dirnameReplace;

    @Option(names = "--seqreplace", paramLabel = "STR", description = "STR instead of {#}.")
    String seqReplace;

    @Option(names = "--slotreplace", paramLabel = "STR", description = "STR instead of {%%}.")
    String slotReplace;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Run only the jobs for which EXPR, its replacement strings filled in, is true as perl "
                    + "(GNU parallel's --filter: '{1} < {2}+1'); repeatable, all must hold.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--nice", paramLabel = "N", description = "Run each command under nice -n N (GNU parallel's --nice).")
    Integer nice;

    @Option(names = "--tmpdir", paramLabel = "DIR",
            description = "$TMPDIR for every command, as GNU parallel's --tmpdir sets it (futures keeps outputs in "
                    + "memory, not in temporary files).")
    String tmpdir;

    @Option(names = "--process-slot-var", paramLabel = "NAME",
            description = "Set $NAME in each command's environment to its job slot minus 1 ({%%} - 1), as GNU parallel does.")
    String slotVariable;

    private ReplacementString.Rules rules;

    /** --nice, --tmpdir and --process-slot-var, checked. */
    private JobSurroundings surroundings() {
        if (tmpdir != null && !(Files.isDirectory(Path.of(tmpdir))
                && Files.isWritable(Path.of(tmpdir)))) {
            throw new UsageError("--tmpdir '" + tmpdir + "' is not a writable directory");
        }
        if (slotVariable != null && !slotVariable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UsageError("--process-slot-var needs a variable name, got '" + slotVariable + "'");
        }
        return new JobSurroundings(nice, tmpdir, slotVariable);
    }

    /** GNU's renamed replacement strings: each new one to the standard one it stands for. */
    private Map<String, String> renamed() {
        Map<String, String> renamed = new LinkedHashMap<>();
        String[][] options = {{"--er", extensionReplace, "{.}"}, {"--bnr", basenameReplace, "{/}"},
            {"--bner", basenameExtensionReplace, "{/.}"}, {"--dnr", dirnameReplace, "{//}"},
            {"--seqreplace", seqReplace, "{#}"}, {"--slotreplace", slotReplace, "{%}"}};
        for (String[] option : options) {
            if (option[1] == null) {
                continue;
            }
            if (option[1].isEmpty()) {
                throw new UsageError(option[0] + " needs a string to stand for " + option[2]);
            }
            renamed.put(option[1], option[2]);
        }
        return renamed;
    }

    /** {@code -I}'s string for the input, or null for {@code {}}. */
    public String replaceString() {
        return replaceString;
    }

    /** {@code -q}: the command's words stay as they are. */
    public boolean quoted() {
        return quote;
    }

    /** Whether the command uses {@code {##}}, the number of jobs: then every input is read before the first job. */
    public boolean needsTotal(List<String> command) {
        return plus && command.stream().anyMatch(word -> word.contains("{##}") || word.contains("{0#}"))
                || command.stream().anyMatch(word -> word.contains("total_jobs"))
                || rpl.stream().anyMatch(definition -> definition.contains("total_jobs"));
    }

    /**
     * The jobs' command lines.
     *
     * @param width how many values a job may name with {1}..{N}
     * @param total {@code {##}}'s value, once known
     */
    public Job.Argv argv(List<String> command, int width, ArgsPerJob.Context context, String shell,
            Map<String, Integer> names, LongSupplier total) {
        return argv(command, false, width, context, shell, names, total);
    }

    /** The same; {@code gnu}: GNU parallel's command-line rule ({@link CommandForm}). */
    public Job.Argv argv(List<String> command, boolean gnu, int width, ArgsPerJob.Context context, String shell,
            Map<String, Integer> names, LongSupplier total) {
        if (replaceString != null && replaceString.isEmpty()) {
            throw new UsageError("-I needs a replace string");
        }
        List<RplTag> tags = new ArrayList<>();
        if (plus) {
            PerlOnlyPlus.TAGS.forEach(definition -> tags.add(RplTag.define(definition)));
        }
        rpl.forEach(definition -> tags.add(RplTag.define(definition)));
        rules = new ReplacementString.Rules(plus, tags, names, Map.copyOf(renamed()), new PerlExpressions(),
                parens == null ? ReplacementString.Parens.GNU : ReplacementString.Parens.of(parens));
        Job.Argv argv = surroundings().around(CommandForm.of(command, quote, gnu, replaceString, shell, System.getenv(),
                width, context, rules, total));
        return filters.isEmpty() ? argv : filtered(argv, new PerlFilter(filters, rules));
    }

    /** The jobs --filter leaves out have no command line: they are skipped, as a skip() skips them. */
    private static Job.Argv filtered(Job.Argv argv, PerlFilter filter) {
        return new Job.Argv() {
            @Override
            public List<String> of(List<String> values, long seq, int slot) {
                if (!filter.admits(values, seq, slot)) {
                    throw new PerlExpressions.Skipped();
                }
                return argv.of(values, seq, slot);
            }

            @Override
            public String display(List<String> values, long seq, int slot) {
                return argv.display(values, seq, slot); // --dry-run shows every job, as GNU's does
            }

            @Override
            public Map<String, String> environment(int slot) {
                return argv.environment(slot);
            }
        };
    }

    /** The rules the last {@link #argv} call's command follows, for --tagstring's replacement strings. */
    public ReplacementString.Rules rules() {
        return rules;
    }

    /**
     * Starts the perl coprocess once every template is made: every expression compiles now,
     * before anything runs (invalid perl is exit 2 with perl's message). No expression: no perl.
     */
    public void startPerl() {
        rules.perl().start();
    }
}
