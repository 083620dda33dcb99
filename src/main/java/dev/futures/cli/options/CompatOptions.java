package dev.futures.cli.options;

import dev.futures.cli.jobs.CommandForm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * GNU parallel's habits: {@code --gnu} (its rules throughout), and its options that ask for what
 * futures does anyway, accepted so that a pasted command line runs, and documented as such.
 */
public class CompatOptions {

    @Option(names = {"-k", "--keep-order"}, description = "Keep input order: futures' default, and under --gnu (or as 'parallel') what turns "
            + "GNU's completion order off.")
    boolean keepOrder;

    @Option(names = "--gnu", description = "Follow GNU parallel's rules throughout (implied when futures is "
            + "invoked as 'parallel'): the command's words form one shell line with the inputs quoted into it "
            + "(-q keeps each word as it is), run by GNU's shell ($PARALLEL_SHELL, else the shell futures was "
            + "started from, else $SHELL); output in completion order unless -k; --timeout limits each job; "
            + "$PARALLEL and GNU's config profiles are read first.")
    boolean gnu;

    @Option(names = "--will-cite", description = "Accepted for GNU parallel (futures prints no citation notice).")
    boolean willCite;

    @Option(names = {"-g", "--group"}, description = "Accepted for GNU parallel: each job's output is one block, "
            + "futures' only way.")
    boolean group;

    @Option(names = "--plain", description = "Read no GNU parallel profile and not $PARALLEL (see -J).")
    boolean plain;

    @Option(names = {"-J", "--profile"}, paramLabel = "NAME",
            description = "Put the options in GNU parallel's profile NAME ($PARALLEL_HOME, ~/.parallel ...; a path "
                    + "if it starts with ./ or /) in front of the command line's; repeatable. Under --gnu (and as "
                    + "'parallel') the config profiles and $PARALLEL count too, as in GNU parallel.")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--citation", description = "As GNU parallel's: print how to cite this program, and exit.")
    boolean citation;

    @Option(names = "--bibtex", description = "As GNU parallel's: print a BibTeX entry for this program, and exit.")
    boolean bibtex;

    @Option(names = {"--line-buffer", "--lb"},
            description = "As GNU parallel's --line-buffer: each job's stdout is printed line by line as the job writes "
                    + "it (whole lines; lines of different jobs mix), in completion order; with -k only the oldest "
                    + "unprinted job's lines go out live. Text output on the thread pool; with --pool process, "
                    + "--results, --files or --output jsonl each job's output stays one block.")
    boolean lineBuffer;

    @Option(names = {"-u", "--ungroup"},
            description = "As GNU parallel's: each command writes straight to futures' stdout, with no copy and no "
                    + "tag (lines of different jobs may be cut and mixed), in completion order. Where --line-buffer "
                    + "keeps blocks (--pool process, --results, --files, --output jsonl) it is --line-buffer.")
    boolean ungroup;

    /** --line-buffer or -u: stdout goes out as jobs write it. */
    public boolean lineBuffered() {
        return lineBuffer || ungroup;
    }

    /** -u: commands write straight to futures' stdout. */
    public boolean ungrouped() {
        return ungroup;
    }

    @Option(names = "--shellquote", description = "As GNU parallel's: print each job's command line shell-quoted "
            + "(again for each time it is given) instead of running it.")
    boolean[] shellquote = new boolean[0];

    @Option(names = {"--bar", "--eta"}, description = "Accepted for GNU parallel: the same as --progress.")
    boolean bar;

    @Option(names = "--shuf", description = "Run the jobs in a random order (every input is read first, as GNU "
            + "parallel does; {#} numbers them in that order).")
    boolean shuffle;

    /** How many times --shellquote was given: then each job's line is printed quoted that often, and none runs. */
    public int shellquotes() {
        return shellquote.length;
    }

    /** Whether GNU parallel's rules apply ({@code --gnu}, or invoked as {@code parallel}). */
    public boolean gnu() {
        return gnu;
    }

    /**
     * {@code --citation} or {@code --bibtex}: the text to print before exiting 0, as GNU
     * parallel's do; else null.
     */
    public String citationText(String version) {
        if (bibtex) {
            return "@software{futures,\n  title = {futures: concurrent.futures for the shell, containers and Java},\n"
                    + "  version = {" + version + "},\n  note = {Python's concurrent.futures model as one executable}\n}";
        }
        if (citation) {
            return "futures " + version + " asks for no citation. If it helped your work, naming it is thanks enough;\n"
                    + "if you use GNU parallel itself, cite it as its own --citation says.";
        }
        return null;
    }

    /**
     * The shell for command lines: {@code configured} (futures' own, $FUTURES_SHELL or /bin/sh),
     * or under {@code --gnu} GNU parallel's choice: $PARALLEL_SHELL, else the shell futures was
     * started from (its parent process, when that is a shell), else $SHELL, else /bin/sh.
     */
    public String shell(String configured) {
        if (!gnu) {
            return configured;
        }
        String chosen = System.getenv("PARALLEL_SHELL");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        Optional<String> parent = ProcessHandle.current().parent().flatMap(handle -> handle.info().command());
        if (parent.isPresent()
                && CommandForm.SHELLS.contains(parent.get().substring(parent.get().lastIndexOf('/') + 1))) {
            return parent.get();
        }
        String shell = System.getenv("SHELL");
        return shell == null || shell.isBlank() ? "/bin/sh" : shell;
    }

    /** {@code --shuf}: the inputs in a random order; else as they come. */
    public <T> Iterator<T> ordered(Iterator<T> inputs) {
        if (!shuffle) {
            return inputs;
        }
        List<T> all = new ArrayList<>();
        inputs.forEachRemaining(all::add);
        Collections.shuffle(all);
        return all.iterator();
    }
}
