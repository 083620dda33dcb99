package dev.futures.cli.serve;

import dev.futures.cli.jobs.TaskValues;
import dev.futures.cli.options.OutputOptions;
import dev.futures.cli.run.ExitCodes;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code futures as-completed ID...}: {@code concurrent.futures.as_completed} against the
 * daemon. Prints each id the moment its future is done (text), or its result event (jsonl), so
 * {@code futures as-completed $ids | while read id; do futures result "$id"; done} works.
 */
@Command(name = "as-completed", mixinStandardHelpOptions = true,
        description = {"Print each future's id as it completes (--output jsonl: its result event).",
                "Exit 124 if --timeout passed first, else 1 if one failed, 4 if one was cancelled, else 0."})
public class AsCompletedCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> ids;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Wait at most this long (default: for ever).")
    BigDecimal timeout;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (ids, one per line; default) or jsonl (result events).")
    OutputOptions.Format output;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        body.put("timeout", timeout);
        boolean[] seen = new boolean[3]; // failed, cancelled, timed out
        DaemonClient.Answer answer = daemon.stream("/v1/as_completed", body, event -> {
            Object kind = event.get("event");
            if ("timeout".equals(kind)) {
                seen[2] = true;
                System.err.println("futures as-completed: " + event.get("unfinished") + " of " + event.get("total")
                        + " not done within " + timeout + " s");
                return;
            }
            seen[0] |= "error".equals(event.get("status"));
            seen[1] |= "cancelled".equals(event.get("status"));
            System.out.print(output == OutputOptions.Format.jsonl ? TaskValues.json(event) + "\n" : event.get("id") + "\n");
            System.out.flush();
        });
        if (answer.status() != 200) {
            return refused("as-completed", answer);
        }
        return seen[2] ? ExitCodes.TIMEOUT : seen[0] ? ExitCodes.FAILED : seen[1] ? ExitCodes.CANCELLED : ExitCodes.OK;
    }
}
