package dev.futures.cli.serve;

import dev.futures.cli.docs.TaskNames;
import dev.futures.cli.run.ExitCodes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code futures submit TASK [ARG...]}: prints only the new future's id. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit a task to the daemon ('futures serve'); print its id.")
public class SubmitCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "TASK", completionCandidates = TaskNames.class, description = "A task name (see 'futures tasks').")
    String task;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Its arguments, as strings.")
    List<String> args = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The task's own timeout (process pool).")
    BigDecimal timeout;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Submitting again with the same key returns the same id instead of a new future.")
    String idempotencyKey;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task", task);
        body.put("args", args);
        body.put("timeout", timeout);
        DaemonClient.Answer answer = daemon.call("POST", "/v1/futures", body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
        if (answer.status() != 201) {
            return refused("submit", answer);
        }
        System.out.println(answer.body().get("id"));
        return ExitCodes.OK;
    }
}
