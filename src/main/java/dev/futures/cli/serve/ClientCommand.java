package dev.futures.cli.serve;

import dev.futures.cli.jobs.TaskValues;
import dev.futures.cli.run.ExitCodes;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What the daemon's clients share: how to reach it, and how an error answer becomes one line on
 * stderr and an exit code (DESIGN.md's table).
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    DaemonClient daemon;

    /** Exit 2 for a refused request (bad input, unknown id), with the daemon's message. */
    static Integer refused(String verb, DaemonClient.Answer answer) {
        Object error = answer.body().get("error");
        String message = error instanceof Map<?, ?> details ? String.valueOf(details.get("message")) : "HTTP " + answer.status();
        System.err.println("futures " + verb + ": " + message);
        return answer.status() == 503 ? ExitCodes.BROKEN : ExitCodes.USAGE;
    }

    /** A value as a user reads it: strings as they are, anything else as JSON. */
    static String show(Object value) {
        return value instanceof String text ? text : TaskValues.json(value);
    }
}
