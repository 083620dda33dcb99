package dev.futures.cli.serve;

import dev.futures.ReturnWhen;
import dev.futures.cli.jobs.TaskValues;
import dev.futures.cli.options.PolicyOptions;
import dev.futures.cli.run.ExitCodes;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code futures wait ID...}: {@code concurrent.futures.wait} against the daemon. Prints the ids
 * that are done, one per line; exit 124 if the condition was not met within --timeout, else 1
 * if a done one failed, else 0.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait until the futures meet --return-when; print the done ids, one per line.",
                "Exit 0 when met and none failed, 1 when a done future failed, 124 when --timeout passed first."})
public class WaitCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> ids;

    @Option(names = "--return-when", paramLabel = "WHEN", defaultValue = "ALL_COMPLETED",
            completionCandidates = PolicyOptions.ReturnWhenNames.class,
            description = "ALL_COMPLETED (default), FIRST_COMPLETED or FIRST_EXCEPTION.")
    String returnWhen;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Wait at most this long (default: for ever).")
    BigDecimal timeout;

    @Option(names = "--json", description = "Print the summary event {done, not_done, failed} instead.")
    boolean json;

    @Override
    public Integer call() {
        ReturnWhen when = PolicyOptions.returnWhen(returnWhen);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        body.put("return_when", when.name());
        body.put("timeout", timeout);
        DaemonClient.Answer answer = daemon.await("POST", "/v1/wait", body);
        if (answer.status() != 200) {
            return refused("wait", answer);
        }
        List<?> done = (List<?>) answer.body().get("done");
        List<?> notDone = (List<?>) answer.body().get("not_done");
        List<?> failed = (List<?>) answer.body().get("failed");
        if (json) {
            System.out.print(TaskValues.json(answer.body()) + "\n");
        } else {
            StringBuilder out = new StringBuilder();
            done.forEach(id -> out.append(id).append('\n'));
            System.out.print(out);
        }
        System.out.flush();
        boolean met = switch (when) {
            case ALL_COMPLETED -> notDone.isEmpty();
            case FIRST_COMPLETED -> !done.isEmpty();
            case FIRST_EXCEPTION -> notDone.isEmpty() || !failed.isEmpty();
        };
        if (!met) {
            System.err.println("futures wait: " + notDone.size() + " of " + ids.size() + " not done within " + timeout
                    + " s");
            return ExitCodes.TIMEOUT;
        }
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
