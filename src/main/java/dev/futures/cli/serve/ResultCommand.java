package dev.futures.cli.serve;

import dev.futures.cli.run.ExitCodes;
import java.math.BigDecimal;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code futures result ID}: waits for the future and prints its value. Exit 0 with a value,
 * 1 if the task failed (its error on stderr), 4 if it was cancelled, 124 if --timeout passed.
 */
@Command(name = "result", mixinStandardHelpOptions = true,
        description = "Wait for a future and print its value; exit 1 if the task failed, 4 if cancelled, 124 on --timeout.")
public class ResultCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Wait at most this long (default: for ever).")
    BigDecimal timeout;

    @Override
    public Integer call() {
        String query = timeout == null ? "" : "?timeout=" + timeout.toPlainString();
        DaemonClient.Answer answer = daemon.await("GET", "/v1/futures/" + id + "/result" + query, null);
        if (answer.status() == 202) {
            System.err.println("futures result: " + id + " is not done within " + timeout + " s");
            return ExitCodes.TIMEOUT;
        }
        if (answer.status() != 200) {
            return refused("result", answer);
        }
        Object status = answer.body().get("status");
        if ("cancelled".equals(status)) {
            System.err.println("futures result: " + id + " was cancelled");
            return ExitCodes.CANCELLED;
        }
        if ("error".equals(status)) {
            Map<?, ?> error = (Map<?, ?>) answer.body().get("error");
            System.err.println("futures result: " + id + " failed: " + error.get("type") + ": " + error.get("message"));
            return ExitCodes.FAILED;
        }
        String text = show(answer.body().get("value"));
        System.out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        System.out.flush();
        return ExitCodes.OK;
    }
}
