package dev.futures.cli.options;

import picocli.CommandLine.Option;

/**
 * GNU parallel's options that ask for what futures does anyway: accepted so that a pasted
 * command line runs, and documented as such.
 */
public class CompatOptions {

    @Option(names = {"-k", "--keep-order"}, description = "Accepted for GNU parallel: input order is the default.")
    boolean keepOrder;

    @Option(names = "--gnu", description = "Accepted for GNU parallel: futures reads its options GNU's way.")
    boolean gnu;

    @Option(names = "--will-cite", description = "Accepted for GNU parallel (futures prints no citation notice).")
    boolean willCite;

    @Option(names = {"-u", "--ungroup", "--line-buffer", "--lb"},
            description = "Accepted for GNU parallel: print each job's output as soon as the job ends (completion "
                    + "order unless -k). It still comes as one block per job: futures never mixes two jobs' lines.")
    boolean asSoonAsPossible;

    @Option(names = {"--bar", "--eta"}, description = "Accepted for GNU parallel: the same as --progress.")
    boolean bar;

    @Option(names = "--shuf", description = "Run the jobs in a random order (every input is read first, as GNU "
            + "parallel does; {#} numbers them in that order).")
    boolean shuffle;

    /** {@code --shuf}: the inputs in a random order; else as they come. */
    public <T> java.util.Iterator<T> ordered(java.util.Iterator<T> inputs) {
        if (!shuffle) {
            return inputs;
        }
        java.util.List<T> all = new java.util.ArrayList<>();
        inputs.forEachRemaining(all::add);
        java.util.Collections.shuffle(all);
        return all.iterator();
    }
}
