package dev.futures.cli;

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
}
