package dev.futures.cli;

import picocli.CommandLine.Option;

/** How many tasks run at once; shared by every verb that runs work. */
public class PoolOptions {

    @Option(names = {"-j", "--workers"}, paramLabel = "N",
            description = "Tasks running at once (default: $FUTURES_WORKERS, else the number of CPUs).")
    Integer workers;

    /** The worker count to use: the option, else configuration, else the number of CPUs. */
    int resolve(FuturesConfig config) {
        if (workers != null) {
            return checked(workers, "-j/--workers");
        }
        if (config.workers().isPresent()) {
            return checked(config.workers().getAsInt(), "FUTURES_WORKERS");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int checked(int value, String source) {
        if (value < 1) {
            throw new UsageError(source + " must be at least 1, got " + value);
        }
        return value;
    }
}
