package dev.futures.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** When a run stops early. */
public class PolicyOptions {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "One deadline for the whole run (e.g. 30, 1.5s, 500ms, 2m): when it passes, "
                    + "pending tasks are cancelled, running ones killed, and the exit code is 124.")
    Duration timeout;
}
