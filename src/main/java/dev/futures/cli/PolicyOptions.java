package dev.futures.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** When a run stops early. */
public class PolicyOptions {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "One deadline for the whole run (e.g. 30, 1.5s, 500ms, 2m): when it passes, "
                    + "pending tasks are cancelled, running ones killed, and the exit code is 124.")
    Duration timeout;

    /** When the run returns: the names of {@code concurrent.futures.wait}. */
    public enum ReturnWhen {
        ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION
    }

    /** What happens to work still unfinished when the run returns early. */
    public enum Then {
        cancel, wait, kill
    }

    @Option(names = "--return-when", paramLabel = "ALL_COMPLETED|FIRST_COMPLETED|FIRST_EXCEPTION",
            defaultValue = "ALL_COMPLETED",
            description = "Return when every task is done (default), when the first one is, or at the first failure; "
                    + "with FIRST_* results print as they complete.")
    ReturnWhen returnWhen;

    @Option(names = "--then", paramLabel = "cancel|wait|kill", defaultValue = "cancel",
            description = "Work unfinished when the run returns early: cancel what has not started and let running "
                    + "tasks finish (default), wait for everything, or kill running tasks too.")
    Then then;
}
