package dev.futures.cli;

import picocli.CommandLine.Option;

/** How results are printed. */
public class OutputOptions {

    /** Print order: input order is {@code Executor.map}, completion order is {@code as_completed}. */
    public enum Order {
        input, completion
    }

    @Option(names = "--order", paramLabel = "input|completion", defaultValue = "input",
            description = "Print results in input order (default) or as tasks complete.")
    Order order;
}
